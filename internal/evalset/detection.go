package evalset

import "sort"

// CaseIoU is the IoU of one case's main detection with its single
// labelled document (0 when nothing was detected).
type CaseIoU struct {
	ID  string  `json:"id"`
	IoU float64 `json:"iou"`
	// Found is how many documents the checker reported.
	Found int `json:"found"`
}

// DetectionSummary is how the document detector did, apart from the codes.
type DetectionSummary struct {
	// CaseIoUs lists every single-document case, worst IoU first.
	CaseIoUs []CaseIoU `json:"case_ious"`
	// Undetected lists cases with a labelled document where nothing was
	// found.
	Undetected []string `json:"undetected"`
	// Spurious lists cases without a labelled document where something
	// was found.
	Spurious []string `json:"spurious"`
}

// scoreDetection compares the reported quads with the labelled ones;
// cases the checker failed on are left out, as Score does.
func scoreDetection(l *Labels, results []Result) DetectionSummary {
	var d DetectionSummary
	for i, c := range l.Cases {
		r := results[i]
		if r.Err != nil {
			continue
		}
		switch {
		case len(c.Quads) > 0 && len(r.Quads) == 0:
			d.Undetected = append(d.Undetected, c.ID)
		case len(c.Quads) == 0 && len(r.Quads) > 0:
			d.Spurious = append(d.Spurious, c.ID)
		}
		if len(c.Quads) == 1 {
			iou := 0.0
			if len(r.Quads) > 0 {
				iou = QuadIoU(c.VisionQuads()[0], r.Quads[0])
			}
			d.CaseIoUs = append(d.CaseIoUs, CaseIoU{ID: c.ID, IoU: iou, Found: len(r.Quads)})
		}
	}
	sort.SliceStable(d.CaseIoUs, func(i, j int) bool { return d.CaseIoUs[i].IoU < d.CaseIoUs[j].IoU })
	return d
}
