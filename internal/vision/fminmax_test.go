package vision

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFminFmax: the same values as math.Min and math.Max on finite and
// infinite inputs.
func TestFminFmax(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct{ a, b float64 }{
		{1, 2}, {2, 1}, {-3, 3}, {0.5, 0.5}, {-inf, 4}, {4, inf}, {1e300, -1e300},
	} {
		assert.Equal(t, math.Min(tc.a, tc.b), fmin(tc.a, tc.b), "fmin(%v, %v)", tc.a, tc.b)
		assert.Equal(t, math.Max(tc.a, tc.b), fmax(tc.a, tc.b), "fmax(%v, %v)", tc.a, tc.b)
	}
}
