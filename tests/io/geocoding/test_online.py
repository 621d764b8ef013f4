"""geopy's Nominatim client against a scripted Nominatim on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import time

import pytest

from planner.domain import Address, Precision
from planner.domain.progress import CancelFlag
from planner.io.geocoding import GeocodeError, ProviderConfig
from planner.io.geocoding.online import OnlineGeocoder
from planner.io.geocoding.precision import precision_from_raw
from tests.io.geocoding.fake_nominatim import FakeNominatim, Reply, place, serve

pytestmark = pytest.mark.network_server

MILAN = Address(street="Via Torino 1", city="Milano", postcode="20123", country="IT")
BUILDING = place(45.4627, 9.1858, addresstype="building", place_rank=30)


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(
    fake: FakeNominatim, sleeps: Sleeps | None = None, **overrides: object
) -> OnlineGeocoder:
    settings: dict[str, object] = {
        "url": fake.url,
        "user_agent": "planner-tests/1.0",
        "min_delay_s": 0.0,
        "timeout_s": 2.0,
        "max_retries": 2,
        "backoff_s": 0.5,
    }
    settings.update(overrides)
    config = ProviderConfig(**settings)  # type: ignore[arg-type]
    return OnlineGeocoder(config, sleep=sleeps if sleeps is not None else Sleeps())


def test_answer_gives_point_precision_and_sends_structured_query() -> None:
    with serve([Reply(body=[BUILDING])]) as fake:
        result = client(fake).geocode(MILAN)
    assert result is not None
    assert result.location.as_tuple() == pytest.approx((45.4627, 9.1858))
    assert result.precision is Precision.ROOFTOP
    assert result.source == "nominatim"
    (request,) = fake.seen
    assert request.path == "/search"
    assert request.params["street"] == "Via Torino 1"
    assert request.params["city"] == "Milano"
    assert request.params["postalcode"] == "20123"
    assert request.params["country"] == "IT"
    assert request.user_agent == "planner-tests/1.0"


def test_empty_result_tries_free_text_then_reports_no_match() -> None:
    with serve([Reply(body=[])]) as fake:
        assert client(fake).geocode(MILAN) is None
    assert len(fake.seen) == 2
    assert "q" in fake.seen[1].params and "Milano" in fake.seen[1].params["q"]


def test_429_honours_retry_after_then_succeeds() -> None:
    sleeps = Sleeps()
    replies = [Reply(status=429, headers={"Retry-After": "3"}), Reply(body=[BUILDING])]
    with serve(replies) as fake:
        result = client(fake, sleeps).geocode(MILAN)
    assert result is not None
    assert sum(sleeps) == pytest.approx(3.0)  # the server's wait, not our backoff
    assert len(fake.seen) == 2


def test_429_asking_for_too_long_a_wait_gives_up_at_once() -> None:
    with (
        serve([Reply(status=429, headers={"Retry-After": "3600"})]) as fake,
        pytest.raises(GeocodeError, match="wait 3600 s"),
    ):
        client(fake).geocode(MILAN)
    assert len(fake.seen) == 1


def test_500s_are_retried_with_doubling_backoff() -> None:
    sleeps = Sleeps()
    replies = [Reply(status=500, body="oops"), Reply(status=502), Reply(body=[BUILDING])]
    with serve(replies) as fake:
        result = client(fake, sleeps).geocode(MILAN)
    assert result is not None
    assert sum(sleeps) == pytest.approx(0.5 + 1.0)
    assert len(fake.seen) == 3


def test_persistent_500_fails_with_reason_after_all_attempts() -> None:
    with (
        serve([Reply(status=500, body="down")]) as fake,
        pytest.raises(GeocodeError, match=r"server error.*gave up after 3 attempts"),
    ):
        client(fake).geocode(MILAN)
    assert len(fake.seen) == 3


def test_slow_answer_times_out_and_is_retried() -> None:
    replies = [Reply(body=[BUILDING], delay_s=0.5), Reply(body=[BUILDING])]
    with serve(replies) as fake:
        result = client(fake, timeout_s=0.1).geocode(MILAN)
    assert result is not None
    assert len(fake.seen) == 2


def test_always_slow_fails_as_timeout() -> None:
    with (
        serve([Reply(body=[BUILDING], delay_s=0.3)]) as fake,
        pytest.raises(GeocodeError, match="timed out"),
    ):
        client(fake, timeout_s=0.05, max_retries=1).geocode(MILAN)


def test_malformed_json_is_a_clear_failure_without_retries() -> None:
    with (
        serve([Reply(body='[{"lat": "45.1", "lon": ')]) as fake,
        pytest.raises(GeocodeError, match="unreadable"),
    ):
        client(fake).geocode(MILAN)
    assert len(fake.seen) == 1


def test_client_errors_are_not_retried() -> None:
    with (
        serve([Reply(status=403, body="blocked")]) as fake,
        pytest.raises(GeocodeError, match="refused"),
    ):
        client(fake).geocode(MILAN)
    assert len(fake.seen) == 1


def test_rate_limiter_spaces_requests() -> None:
    with serve([Reply(body=[BUILDING])]) as fake:
        geocoder = client(fake, min_delay_s=0.2)
        started = time.monotonic()
        geocoder.geocode(MILAN)
        geocoder.geocode(MILAN)
        elapsed = time.monotonic() - started
    # Measured on the client: the server's arrival times shift when the machine is busy.
    assert len(fake.seen) == 2
    assert elapsed >= 0.2


def test_cancel_interrupts_a_long_retry_after() -> None:
    cancel = CancelFlag()

    def sleep(_: float) -> None:
        cancel.cancel()

    with serve([Reply(status=429, headers={"Retry-After": "60"})]) as fake:
        geocoder = client(fake)
        geocoder.cancel = cancel
        geocoder._sleep = sleep
        with pytest.raises(GeocodeError, match="cancelled"):
            geocoder.geocode(MILAN)


def test_unknown_provider_and_providers_by_name() -> None:
    with pytest.raises(GeocodeError, match="unknown geocoding provider"):
        OnlineGeocoder(ProviderConfig(name="nosuchcoder"))
    google = OnlineGeocoder(ProviderConfig(name="GoogleV3", api_key="k"))
    assert google.name == "googlev3"
    assert google.config.delay_s < 1.0
    assert OnlineGeocoder().config.delay_s == 1.0  # Nominatim's usage policy


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"addresstype": "house"}, Precision.ROOFTOP),
        ({"addresstype": "road", "class": "highway"}, Precision.STREET),
        ({"addresstype": "postcode"}, Precision.POSTCODE),
        ({"addresstype": "village"}, Precision.TOWN),
        ({"addresstype": "city"}, Precision.TOWN),
        ({"addresstype": "state"}, Precision.REGION),
        ({"addresstype": "country"}, Precision.COUNTRY),
        ({"class": "highway", "type": "residential"}, Precision.STREET),
        ({"class": "place", "type": "house"}, Precision.ROOFTOP),
        ({"class": "amenity", "type": "cafe", "place_rank": 30}, Precision.ROOFTOP),
        ({"class": "boundary", "type": "administrative", "place_rank": 8}, Precision.REGION),
        ({"class": "boundary", "type": "administrative", "place_rank": 16}, Precision.TOWN),
    ],
)
def test_nominatim_precision(raw: dict[str, object], expected: Precision) -> None:
    assert precision_from_raw("nominatim", raw) == (expected, "")


def test_other_providers_precision_is_honest() -> None:
    rooftop = {"geometry": {"location_type": "ROOFTOP"}, "types": ["street_address"]}
    assert precision_from_raw("googlev3", rooftop)[0] is Precision.ROOFTOP
    town = {"geometry": {"location_type": "APPROXIMATE"}, "types": ["locality", "political"]}
    assert precision_from_raw("googlev3", town)[0] is Precision.TOWN
    precision, note = precision_from_raw("bing", {})
    assert precision is Precision.TOWN and "does not report" in note


def test_provider_down_is_skipped_after_failures_in_a_row() -> None:
    with serve([Reply(status=503)]) as fake:
        geocoder = client(fake, max_retries=0, max_failures_in_row=2)
        place_only = Address(city="Milano", country="IT")
        for _ in range(2):
            with pytest.raises(GeocodeError, match=r"unavailable \(HTTP 503\)"):  # not "timed out"
                geocoder.geocode(place_only)
        with pytest.raises(GeocodeError, match="skipped for this run"):
            geocoder.geocode(place_only)
    assert len(fake.seen) == 2  # the third account cost no request


def test_rejected_key_stops_the_provider_at_once() -> None:
    with serve([Reply(status=401, body="bad key")]) as fake:
        geocoder = client(fake)
        with pytest.raises(GeocodeError, match="refused"):
            geocoder.geocode(MILAN)
        with pytest.raises(GeocodeError, match="skipped"):
            geocoder.geocode(MILAN)
    assert len(fake.seen) == 1
