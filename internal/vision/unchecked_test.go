package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUncheckedAccessMatchesIndexing: each unchecked accessor reads and
// writes the element an index expression would, and touches no other.
func TestUncheckedAccessMatchesIndexing(t *testing.T) {
	for _, i := range []int{0, 1, 5, 7} {
		bytes := []uint8{10, 11, 12, 13, 14, 15, 16, 17}
		assert.Equal(t, bytes[i], load8(base(bytes), i), "load8 %d", i)
		want := append([]uint8(nil), bytes...)
		want[i] = 99
		store8(base(bytes), i, 99)
		assert.Equal(t, want, bytes, "store8 %d", i)

		floats := []float32{0.5, -1, 2.25, 3, 4, 5.5, -6, 7}
		assert.Equal(t, floats[i], loadF32(base(floats), i), "loadF32 %d", i)
		wantF := append([]float32(nil), floats...)
		wantF[i] = -0.125
		storeF32(base(floats), i, -0.125)
		assert.Equal(t, wantF, floats, "storeF32 %d", i)

		words := []uint64{1, 1 << 63, 3, 0, 5, 1 << 40, 7, 8}
		assert.Equal(t, words[i], loadU64(base(words), i), "loadU64 %d", i)

		bools := []bool{false, true, false, true, true, false, false, true}
		assert.Equal(t, bools[i], loadBool(base(bools), i), "loadBool %d", i)
		wantB := append([]bool(nil), bools...)
		wantB[i] = !wantB[i]
		storeBool(base(bools), i, wantB[i])
		assert.Equal(t, wantB, bools, "storeBool %d", i)
	}
}
