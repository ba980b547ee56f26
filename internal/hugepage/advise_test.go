package hugepage

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The advice must leave what s holds alone (MADV_HUGEPAGE, not an advice
// that drops pages), whatever the slice's length and alignment.
func TestAdviseHugePagesKeepsTheContents(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 3 << 20, 5<<20 + 7} {
		s := make([]int16, n)
		for i := range s {
			s[i] = int16(i*7 + 1)
		}
		Advise(s)
		Advise(s[min(n, 3):])
		for i := range s {
			if s[i] != int16(i*7+1) {
				assert.Failf(t, "contents changed", "length %d: s[%d] = %d", n, i, s[i])
				break
			}
		}
	}
}
