//go:build cgo && gocv

package preflight

import "github.com/idpreflight/idpreflight/internal/vision"

func (gocvEngine) detectDocuments(img *vision.RGB, opt vision.DetectOptions) []vision.Detection {
	return vision.DetectDocuments(img, opt)
}
