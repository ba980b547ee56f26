package evalset

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idpreflight/idpreflight/internal/vision"
)

func caseWith(id string, quads ...vision.Quad) Case {
	c := Case{ID: id}
	for _, q := range quads {
		var lq [4][2]float64
		for k, p := range q {
			lq[k] = [2]float64{p.X, p.Y}
		}
		c.Quads = append(c.Quads, lq)
	}
	return c
}

func TestScoreDetection(t *testing.T) {
	l := &Labels{Cases: []Case{
		caseWith("exact", square(0, 0, 10)),
		caseWith("half", square(0, 0, 10)),
		caseWith("missed", square(0, 0, 10)),
		caseWith("nodoc"),
		caseWith("nodoc-clean"),
		caseWith("two", square(0, 0, 10), square(20, 0, 10)),
		caseWith("failed", square(0, 0, 10)),
	}}
	results := []Result{
		{Quads: []vision.Quad{square(0, 0, 10)}},
		{Quads: []vision.Quad{square(5, 0, 10), square(40, 40, 5)}},
		{},
		{Quads: []vision.Quad{square(0, 0, 10)}},
		{},
		{},
		{Err: errors.New("unreadable")},
	}
	d := scoreDetection(l, results)
	assert.Equal(t, []string{"missed", "two"}, d.Undetected)
	assert.Equal(t, []string{"nodoc"}, d.Spurious)
	assert.Equal(t, []CaseIoU{
		{ID: "missed", IoU: 0, Found: 0},
		{ID: "half", IoU: 50.0 / 150.0, Found: 2},
		{ID: "exact", IoU: 1, Found: 1},
	}, d.CaseIoUs, "worst first; only single-document cases that ran")

	s := Score(l, results)
	assert.Equal(t, d, s.Detection)
	assert.Equal(t, 3, s.IoUCases)
	assert.InDelta(t, 1.0/3.0, s.IoUMedian, 1e-12)
	assert.InDelta(t, 1.0/3.0, s.IoUAt90, 1e-12)
	assert.Equal(t, []string{"missed (0.00)", "half (0.33)"}, s.LowIoU)
}
