import datetime
import zoneinfo

from tracking.templatetags.mandate import status_badge, time_element


def test_a_date_is_a_time_element_readers_and_machines_can_read():
    assert time_element(datetime.date(2022, 1, 28), "j M Y") == '<time datetime="2022-01-28">28 Jan 2022</time>'
    assert time_element(datetime.date(2022, 1, 28), "j F Y") == '<time datetime="2022-01-28">28 January 2022</time>'
    assert time_element(None, "j M Y") == ""


def test_an_aware_datetime_is_shown_on_the_site_s_day(settings):
    settings.TIME_ZONE = "Asia/Almaty"
    late_utc = datetime.datetime(2022, 1, 27, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))  # 28 January in Almaty
    assert time_element(late_utc, "j M Y") == '<time datetime="2022-01-28">28 Jan 2022</time>'


def test_a_badge_names_its_status_beside_the_symbol():
    badge = status_badge("fulfilled")
    assert 'class="status status--fulfilled"' in badge and "✔" in badge and "Fulfilled" in badge
    assert "Not yet rated" in status_badge("")
