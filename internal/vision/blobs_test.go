package vision

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFindBlobs(t *testing.T) {
	// 6×4 mask: an L of 4 pixels, a diagonal pair (two blobs under
	// 4-connectivity) and a single pixel on the right edge next to a
	// pixel on the next row's left edge (not connected).
	mask := []uint8{
		1, 1, 0, 0, 0, 1,
		1, 0, 0, 1, 0, 0,
		1, 0, 0, 0, 1, 0,
		1, 0, 0, 0, 0, 0,
	}
	tests := []struct {
		name    string
		minArea int
		want    []Blob
	}{
		{"all", 1, []Blob{
			{Area: 5, Box: Rect{0, 0, 2, 4}},
			{Area: 1, Box: Rect{5, 0, 6, 1}},
			{Area: 1, Box: Rect{3, 1, 4, 2}},
			{Area: 1, Box: Rect{4, 2, 5, 3}},
		}},
		{"min area drops specks", 2, []Blob{{Area: 5, Box: Rect{0, 0, 2, 4}}}},
		{"nothing large enough", 6, nil},
	}
	// One BlobBuffers through every case, after a larger mask: reused
	// memory must not leak one call's pixels or blobs into the next.
	var buf BlobBuffers
	buf.Find([]uint8{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 6, 5, 1)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, FindBlobs(mask, 6, 4, tc.minArea))
			reused := buf.Find(mask, 6, 4, tc.minArea)
			if len(tc.want) == 0 {
				assert.Empty(t, reused)
			} else {
				assert.Equal(t, tc.want, reused)
			}
		})
	}
}
