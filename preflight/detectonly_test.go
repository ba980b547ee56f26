package preflight

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWithDetectOnly checks that a detect-only run gives the same outline
// and geometry codes as the full check on every committed scene, and runs
// nothing past the geometry stage.
func TestWithDetectOnly(t *testing.T) {
	for _, f := range sceneFixtures() {
		t.Run(f.file, func(t *testing.T) {
			data := readFixture(t, filepath.Join("scenes", f.file))
			full, err := Check(context.Background(), data, WithDocumentType(f.docType))
			require.NoError(t, err)
			fast, err := Check(context.Background(), data, WithDocumentType(f.docType), WithDetectOnly())
			require.NoError(t, err)
			assert.Equal(t, failing(full, geometryCodes), failing(fast, geometryCodes))
			for _, c := range fast.Codes() {
				assert.Contains(t, geometryCodes, c, "only geometry codes are decided")
			}
			if assert.Equal(t, full.Document == nil, fast.Document == nil) && full.Document != nil {
				assert.Equal(t, full.Document.Quads, fast.Document.Quads)
				assert.Equal(t, full.Document.Score, fast.Document.Score)
			}
			for stage := range fast.TimingsMS {
				assert.Contains(t, []string{"decode", "detect", "geometry", "total"}, stage)
			}
		})
	}
}
