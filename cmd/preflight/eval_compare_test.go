package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/idpreflight/idpreflight/preflight"
)

// writeLabelled writes a two-case labelled set (a card, and a scene
// without one) in the dev set's schema and returns labels.json's path.
func writeLabelled(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s := synth.NewScene(480, 320, synth.Wood, 5)
	doc := synth.NewDocument(synth.ID1, 5)
	q := synth.Pose{Center: vision.Point{X: 240, Y: 160}, Width: 300, Roll: 4}.Quad(doc.Kind.Aspect())
	require.NoError(t, s.Place(doc, q, 0.3))
	empty := synth.NewScene(480, 320, synth.Clutter, 6)
	type lcase struct {
		ID           string           `json:"id"`
		File         string           `json:"file"`
		Side         string           `json:"side"`
		DocumentType string           `json:"document_type"`
		Width        int              `json:"width"`
		Height       int              `json:"height"`
		Quads        [][4][2]float64  `json:"quads"`
		Expect       map[string]*bool `json:"expect"`
	}
	yes, no := true, false
	var cases []lcase
	for i, img := range []*vision.RGB{s.Img, empty.Img} {
		data, err := synth.EncodeJPEG(img, 90)
		require.NoError(t, err)
		name := []string{"card.jpg", "nodoc.jpg"}[i]
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
		c := lcase{ID: name, File: name, Side: "front", DocumentType: "identification_card", Width: 480, Height: 320,
			Expect: map[string]*bool{"819": &no}}
		if i == 0 {
			c.Quads = [][4][2]float64{{{q[0].X, q[0].Y}, {q[1].X, q[1].Y}, {q[2].X, q[2].Y}, {q[3].X, q[3].Y}}}
		} else {
			c.Expect["819"] = &yes
		}
		cases = append(cases, c)
	}
	b, err := json.Marshal(map[string]any{"version": 1, "codes": map[string]string{"819": "x"}, "cases": cases})
	require.NoError(t, err)
	p := filepath.Join(dir, "labels.json")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

func TestEvalAgreeWith(t *testing.T) {
	labels := writeLabelled(t)
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"eval", "--labels", labels, "--json", "--agree-with", "pure-go"}, nil, &out, &errOut), errOut.String())
	var cmp engineComparison
	require.NoError(t, json.Unmarshal(out.Bytes(), &cmp))
	assert.Equal(t, preflight.EngineName, cmp.Engine)
	assert.Equal(t, "pure-go", cmp.Other)
	assert.Equal(t, 2, cmp.Agreement.Cases)
	assert.Len(t, cmp.Summary.Codes, 1)
	assert.Len(t, cmp.OtherSummary.Codes, 1)
	assert.Equal(t, cmp.Agreement.Cases-len(cmp.Agreement.Differ), cmp.Agreement.SameCodes)

	out.Reset()
	require.NoError(t, run([]string{"eval", "--labels", labels, "--engine", "pure-go", "--agree-with", "pure-go"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), "agreement on codes: 2/2 cases (100.0 %)")

	err := run([]string{"eval", "--labels", labels, "--agree-with", "tesseract"}, nil, &out, &errOut)
	var ee *exitError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, exitUsage, ee.code)
}
