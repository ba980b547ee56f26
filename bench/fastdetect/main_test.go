package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func TestTallyCounts(t *testing.T) {
	card := vision.Quad{{X: 10, Y: 10}, {X: 110, Y: 10}, {X: 110, Y: 73}, {X: 10, Y: 73}}
	near := vision.Quad{{X: 11, Y: 10}, {X: 110, Y: 11}, {X: 110, Y: 73}, {X: 10, Y: 72}}
	far := vision.Quad{{X: 60, Y: 40}, {X: 160, Y: 40}, {X: 160, Y: 103}, {X: 60, Y: 103}}
	det := func(q vision.Quad) []vision.Detection { return []vision.Detection{{Quad: q, Score: 0.8}} }
	tests := []struct {
		name  string
		truth []vision.Quad
		dets  []vision.Detection
		want  tally
	}{
		{"close outline", []vision.Quad{card}, det(near), tally{single: 1, good: 1, found: 1}},
		{"wrong outline", []vision.Quad{card}, det(far), tally{single: 1, found: 1}},
		{"missed", []vision.Quad{card}, nil, tally{single: 1}},
		{"empty scene, nothing found", nil, nil, tally{empty: 1}},
		{"empty scene, spurious outline", nil, det(far), tally{empty: 1, spurious: 1}},
		{"two documents: not scored", []vision.Quad{card, far}, det(card), tally{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got tally
			got.add("case", tt.truth, tt.dets)
			got.digest = tt.want.digest
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTallyDigestSeesOutlines(t *testing.T) {
	card := vision.Quad{{X: 10, Y: 10}, {X: 110, Y: 10}, {X: 110, Y: 73}, {X: 10, Y: 73}}
	moved := card
	moved[2].X += 0.01
	var a, b, c tally
	a.add("x", nil, []vision.Detection{{Quad: card, Score: 0.8}})
	b.add("x", nil, []vision.Detection{{Quad: card, Score: 0.8}})
	c.add("x", nil, []vision.Detection{{Quad: moved, Score: 0.8}})
	assert.Equal(t, a.digest, b.digest)
	assert.NotEqual(t, a.digest, c.digest)
}

func TestRunRejectsBadArguments(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no labels", nil},
		{"missing file", []string{"--labels", "/nonexistent/labels.json"}},
		{"unknown flag", []string{"--nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			assert.Error(t, run(tt.args, &out))
		})
	}
}
