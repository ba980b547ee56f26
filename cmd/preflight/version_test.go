package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/preflight"
)

func TestVersionNamesEngine(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"version"}, nil, &out, &errOut))
	lines := strings.Split(out.String(), "\n")
	eng := preflight.Engine()
	assert.Contains(t, lines, "engine: "+eng.Name)
	assert.Contains(t, lines, "engines: "+strings.Join(eng.Available, ", "))
	if eng.Name == "gocv" {
		assert.Contains(t, lines, "opencv: "+eng.OpenCV)
		assert.True(t, strings.HasPrefix(eng.OpenCV, "4."), "OpenCV version %q", eng.OpenCV)
	} else {
		assert.NotContains(t, out.String(), "opencv:")
	}
}
