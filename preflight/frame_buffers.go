package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

// frameBuffers is the working memory AnalyzeFrame reuses from frame to
// frame of one stream: at 15 frames a second, fresh pixel buffers per
// frame are megabytes of garbage a second, and in the browser the Go
// runtime's collector runs on the same thread as the analysis.
type frameBuffers struct {
	detect vision.DetectBuffers
}

// detector returns the detector's buffers; nil (allocate afresh) when b
// is nil, as for Check.
func (b *frameBuffers) detector() *vision.DetectBuffers {
	if b == nil {
		return nil
	}
	return &b.detect
}
