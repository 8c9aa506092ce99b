"""The gazetteer coverage bench: its spatial grid, its text spans and its oracle."""

from benchmarks.bench_gazetteer import GoldPoint, PointGrid, named_in_text, spans
from wirecoder.gazetteer import gazetteer


def test_spans_start_with_a_capital_and_run_up_to_four_words():
    found = spans("shelling of Nova Kakhovka town near the Dnipro river bank today")
    assert {"Nova", "Nova Kakhovka", "Nova Kakhovka town", "Nova Kakhovka town near",
            "Dnipro river bank today"} <= found
    assert "Nova Kakhovka town near the" not in found
    assert not any(span.startswith(("shelling", "the", "river")) for span in found)


def test_grid_finds_points_across_cell_edges_only_within_the_radius():
    grid = PointGrid([(50.01, 30.0)])  # just above a cell edge at 50.0
    assert grid.any_within(49.85, 30.0, 25)  # 17.8 km away, in the cell below
    assert not grid.any_within(49.70, 30.0, 25)  # 34.5 km away
    assert not PointGrid([]).any_within(49.85, 30.0, 25)


def test_text_oracle_needs_a_named_place_near_the_gold_point():
    gaz = gazetteer()
    kharkiv = next(p for p in gaz.lookup("Kharkiv") if p.kind == "city")
    text = "Shelling was reported in Kharkiv overnight."
    assert named_in_text(GoldPoint("x", kharkiv.lat + 0.1, kharkiv.lon, text), gaz)
    assert not named_in_text(GoldPoint("x", kharkiv.lat + 1.0, kharkiv.lon, text), gaz)
    assert not named_in_text(GoldPoint("x", kharkiv.lat, kharkiv.lon, "Shelling was reported overnight."), gaz)
