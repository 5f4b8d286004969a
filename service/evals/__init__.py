"""The eval set of known facts: runner, metrics, naive baseline, report and regression gate."""
