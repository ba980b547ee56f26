package cascade

import (
	"testing"

	"github.com/stretchr/testify/assert"

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
