"""Quality gated on the golden data: the eval figures never drop below their floors."""

import pytest

from benchmarks import eval as evaluation

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.mark.parametrize("stage", list(evaluation.STAGES))
def test_stage_meets_its_floors(pipeline, shared, stage):
    tables = evaluation.run([stage], pipeline)
    found = evaluation.figures(tables)
    floors = evaluation.load_floors()
    pinned = [key for key in found if key in floors]
    assert pinned, f"no floors pinned for {stage}"
    assert evaluation.below_floors(found, floors) == []
