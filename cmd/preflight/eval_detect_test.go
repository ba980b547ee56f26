package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/evalset"
)

func TestEvalDetectOnly(t *testing.T) {
	labels := writeLabelled(t)
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"eval", "--labels", labels, "--detect-only", "--json"}, nil, &out, &errOut), errOut.String())
	var sum evalset.Summary
	require.NoError(t, json.Unmarshal(out.Bytes(), &sum))
	assert.Equal(t, 2, sum.Cases)
	assert.Empty(t, sum.Errors)
	require.Len(t, sum.Codes, 1, "819 is the labels' only code, and a geometry code")
	assert.Equal(t, 819, sum.Codes[0].Code)
	require.Len(t, sum.Detection.CaseIoUs, 1, "one case has one labelled document")
	assert.Equal(t, "card.jpg", sum.Detection.CaseIoUs[0].ID)
	assert.Greater(t, sum.Detection.CaseIoUs[0].IoU, 0.9, "the synthetic card is plain to see")
	assert.Empty(t, sum.Detection.Undetected)

	out.Reset()
	require.NoError(t, run([]string{"eval", "--labels", labels, "--detect-only", "-v"}, nil, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "detect-only: cases 2")
	assert.Regexp(t, `iou 0\.9\d\d found 1 card\.jpg`, out.String())
	assert.NotContains(t, out.String(), "false-reject rate", "not measured without the in-document stages")
}

func TestDetectionSummaryKeepsGeometryCodes(t *testing.T) {
	s := evalset.Summary{Codes: []evalset.CodeStats{{Code: 818}, {Code: 819}, {Code: 820}, {Code: 823}, {Code: 829}}}
	got := detectionSummary(s)
	var codes []int
	for _, c := range got.Codes {
		codes = append(codes, c.Code)
	}
	assert.Equal(t, []int{819, 823}, codes)
	assert.Len(t, s.Codes, 5, "the input is not modified")
}
