<?xml version="1.0" encoding="utf-8"?>{% load i18n static mandate %}{% get_current_language as LANGUAGE_CODE %}
<!-- A feed opened in a browser, as a page a person can read: what a feed is, how to follow it,
     and its entries. Feed readers ignore this stylesheet. No inline style: the site's CSP refuses it.
     Served by a view (mandate.views.feed_stylesheet) as text/xsl, the type browsers transform. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="atom:feed/atom:title | rss/channel/title"/>
    <html lang="{{ LANGUAGE_CODE }}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <link rel="stylesheet" href="{% static "css/site.css" %}"/>
        <link rel="icon" href="{% static "img/favicon.svg" %}" type="image/svg+xml"/>
      </head>
      <body>
        <header class="site-header"><div class="wrap"><a class="brand" href="{% url "home" %}">{% site_name %}</a></div></header>
        <main id="main" class="wrap">
          <h1><xsl:value-of select="$title"/></h1>
          <p class="lead"><xsl:value-of select="atom:feed/atom:subtitle | rss/channel/description"/></p>
          <div class="feed-note">
            <p><strong>{% translate "This is a web feed." %}</strong> {% translate "To follow these status changes, copy this page's address into a feed reader (an app or a site that collects the news you follow). Nothing to install in the browser." %}</p>
          </div>
          <p><a href="{atom:feed/atom:link[not(@rel) or @rel='alternate']/@href | rss/channel/link}">{% translate "The same changes on the site" %}</a></p>
          <ol class="changes">
            <xsl:apply-templates select="atom:feed/atom:entry | rss/channel/item"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="change">
      <p><time datetime="{atom:updated}"><xsl:value-of select="substring(atom:updated, 1, 10)"/></time>
        · <span class="kind"><xsl:value-of select="atom:category[1]/@term"/></span></p>
      <p><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a></p>
    </li>
  </xsl:template>

  <xsl:template match="item">
    <li class="change">
      <p><xsl:value-of select="pubDate"/> · <span class="kind"><xsl:value-of select="category[1]"/></span></p>
      <p><a href="{link}"><xsl:value-of select="title"/></a></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
