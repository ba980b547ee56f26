package preflight

import "testing"

func TestHalfRowsAreBlockRows(t *testing.T) { testRowsAreBlockRows(t, 4) }

// TestHalfMaskIsTheCorner: halfCorner reads the frequencies the 1/2
// transform reads.
func TestHalfMaskIsTheCorner(t *testing.T) {
	if got := newScaledIDCT(4).zzMask; got != halfMask {
		t.Fatalf("the 4×4 corner's mask is %#x, halfMask %#x", got, uint64(halfMask))
	}
}
