package preflight

import "testing"

func TestHalfRowsAreBlockRows(t *testing.T) { testRowsAreBlockRows(t, 4) }
