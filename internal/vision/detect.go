package vision

// Detection is one document found in an image.
type Detection struct {
	// Quad is the outline in the input image's pixels, corners TL, TR, BR,
	// BL of the document; corners may lie outside the image.
	Quad Quad
	// Score is the detector's confidence, 0..1.
	Score float64
}

// DetectOptions tunes DetectDocuments.
type DetectOptions struct {
	// Aspects lists the expected width/height ratios of the document
	// (1.586 for ID-1 cards, 1.42 for ID-3 passport pages), most likely
	// first. Empty means both.
	Aspects []float64
}

// DetectDocuments finds the documents in img, best first.
func DetectDocuments(img *RGB, opt DetectOptions) []Detection {
	return nil
}
