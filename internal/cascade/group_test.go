package cascade

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func rect(x, y, s int) vision.Rect { return vision.Rect{X0: x, Y0: y, X1: x + s, Y1: y + s} }

func TestGroup(t *testing.T) {
	tests := []struct {
		name         string
		raw          []vision.Rect
		minNeighbors int
		want         []vision.Face
	}{
		{"empty", nil, 0, nil},
		{"one window kept at 0", []vision.Rect{rect(10, 10, 50)}, 0, []vision.Face{{Rect: rect(10, 10, 50), Score: 1}}},
		{"one window dropped at 1", []vision.Rect{rect(10, 10, 50)}, 1, []vision.Face{}},
		{"close windows average", []vision.Rect{rect(10, 10, 50), rect(12, 12, 50), rect(14, 14, 50)}, 2,
			[]vision.Face{{Rect: rect(12, 12, 50), Score: 3}}},
		{"far windows stay apart, strongest first", []vision.Rect{rect(0, 0, 50), rect(200, 0, 50), rect(202, 0, 50)}, 0,
			[]vision.Face{{Rect: rect(201, 0, 50), Score: 2}, {Rect: rect(0, 0, 50), Score: 1}}},
		{"a weak class inside a strong one is dropped", []vision.Rect{
			rect(100, 100, 100), rect(101, 100, 100), rect(100, 101, 100), rect(101, 101, 100),
			rect(130, 130, 30),
		}, 0, []vision.Face{{Rect: vision.Rect{X0: 101, Y0: 101, X1: 201, Y1: 201}, Score: 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Group(tt.raw, tt.minNeighbors, GroupEps)
			if len(tt.want) == 0 {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestSimilar(t *testing.T) {
	// eps 0.2 on 50 px boxes allows 10 px on every edge.
	assert.True(t, similar(rect(0, 0, 50), rect(10, 10, 50), 0.2))
	assert.False(t, similar(rect(0, 0, 50), rect(11, 0, 50), 0.2))
	assert.False(t, similar(rect(0, 0, 50), rect(0, 0, 70), 0.2), "the far edges differ by 20 px")
}

// TestSortScanOrderMakesGroupOrderFree: two equally strong faces come out
// of Group in the order of their first windows; after SortScanOrder every
// permutation of the windows (OpenCV's threads finish in any order) gives
// the same faces in the same order, the order Detect's own scan gives.
func TestSortScanOrderMakesGroupOrderFree(t *testing.T) {
	windows := []vision.Rect{rect(300, 40, 60), rect(302, 41, 60), rect(20, 200, 50), rect(21, 202, 50), rect(150, 10, 80)}
	scan := slices.Clone(windows)
	SortScanOrder(scan)
	assert.Equal(t, []vision.Rect{rect(20, 200, 50), rect(21, 202, 50), rect(300, 40, 60), rect(302, 41, 60), rect(150, 10, 80)}, scan)
	want := Group(scan, 0, GroupEps)
	require.Len(t, want, 3)
	assert.Equal(t, 50, want[0].Rect.Dx(), "tie broken by scan order: the smaller, earlier face first")
	orders := 0
	for p := range permutations(len(windows)) {
		raw := make([]vision.Rect, len(windows))
		for i, k := range p {
			raw[i] = windows[k]
		}
		SortScanOrder(raw)
		assert.Equal(t, want, Group(raw, 0, GroupEps), "permutation %v", p)
		orders++
	}
	assert.Equal(t, 120, orders)
}

// permutations yields every ordering of 0..n-1 (Heap's algorithm).
func permutations(n int) func(func([]int) bool) {
	return func(yield func([]int) bool) {
		p := make([]int, n)
		for i := range p {
			p[i] = i
		}
		c := make([]int, n)
		if !yield(slices.Clone(p)) {
			return
		}
		for i := 0; i < n; {
			if c[i] < i {
				if i%2 == 0 {
					p[0], p[i] = p[i], p[0]
				} else {
					p[c[i]], p[i] = p[i], p[c[i]]
				}
				if !yield(slices.Clone(p)) {
					return
				}
				c[i]++
				i = 0
			} else {
				c[i] = 0
				i++
			}
		}
	}
}
