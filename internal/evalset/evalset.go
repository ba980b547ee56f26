// Package evalset reads a labelled evaluation set (the schema of
// shared/eval/dev/README.md) and scores a checker against it: per-code
// confusion counts, quad IoU and the false-reject rate.
package evalset

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Case is one labelled image.
type Case struct {
	ID           string           `json:"id"`
	File         string           `json:"file"`
	Variant      string           `json:"variant"`
	Side         string           `json:"side"`
	DocumentType string           `json:"document_type"`
	Width        int              `json:"width"`
	Height       int              `json:"height"`
	Quads        [][4][2]float64  `json:"quads"`
	Portraits    [][4][2]float64  `json:"portraits"`
	Expect       map[string]*bool `json:"expect"`
	Set          string           `json:"set"`
	Flags        []string         `json:"flags"`
}

// Labels is a whole labels.json.
type Labels struct {
	Version int               `json:"version"`
	Split   string            `json:"split"`
	Codes   map[string]string `json:"codes"`
	Cases   []Case            `json:"cases"`
	// Dir is the folder labels.json was read from; Case.File is relative to it.
	Dir string `json:"-"`
}

// Load reads labels.json.
func Load(path string) (*Labels, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var l Labels
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(l.Cases) == 0 {
		return nil, fmt.Errorf("%s: no cases", path)
	}
	l.Dir = filepath.Dir(path)
	return &l, nil
}

// Path returns the image path of a case.
func (l *Labels) Path(c Case) string { return filepath.Join(l.Dir, c.File) }

// VisionQuads returns the case's document quads.
func (c Case) VisionQuads() []vision.Quad {
	out := make([]vision.Quad, len(c.Quads))
	for i, q := range c.Quads {
		for k := range 4 {
			out[i][k] = vision.Point{X: q[k][0], Y: q[k][1]}
		}
	}
	return out
}

// Result is what a checker said about one case.
type Result struct {
	Codes map[int]bool  // failing codes reported
	Quads []vision.Quad // documents found, main first
	Err   error         // the checker failed on the file
}

// CodeStats are the confusion counts of one code over the cases where
// the label is true or false (null labels are not counted).
type CodeStats struct {
	Code                  int      `json:"code"`
	TP, FP, FN, TN        int      `json:"-"`
	Precision, Recall, F1 float64  `json:"-"`
	Misses, FalseAlarms   []string `json:"-"`
}

// MarshalJSON keeps the counts readable in --json output.
func (s CodeStats) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{
		"code": s.Code, "tp": s.TP, "fp": s.FP, "fn": s.FN, "tn": s.TN,
		"precision": s.Precision, "recall": s.Recall, "f1": s.F1,
		"misses": s.Misses, "false_alarms": s.FalseAlarms,
	})
}

// Summary is the score of a checker over a set.
type Summary struct {
	Cases  int         `json:"cases"`
	Errors []string    `json:"errors"`
	Codes  []CodeStats `json:"codes"`
	// IoU over cases with exactly one labelled document.
	IoUCases  int     `json:"iou_cases"`
	IoUMean   float64 `json:"iou_mean"`
	IoUMedian float64 `json:"iou_median"`
	IoUAt90   float64 `json:"iou_share_ge_0_9"`
	// FalseRejectRate: share of clean cases (no expect true) reported invalid.
	CleanCases      int      `json:"clean_cases"`
	FalseRejectRate float64  `json:"false_reject_rate"`
	FalseRejects    []string `json:"false_rejects"`
	// Rejects splits FalseRejects by what the labels say about the
	// codes reported: a code that must not be reported, or only codes
	// the labels leave open.
	Rejects         RejectSplit `json:"false_reject_split"`
	ImagesPerSecond float64     `json:"images_per_second"`
	// LowIoU lists case ids whose IoU is below 0.9, worst first.
	LowIoU []string `json:"low_iou"`
	// Detection details every case's outline.
	Detection DetectionSummary `json:"detection"`
}

// Score compares results (by case index) with the labels.
func Score(l *Labels, results []Result) Summary {
	var s Summary
	s.Cases = len(l.Cases)
	stats := map[int]*CodeStats{}
	codes := make([]int, 0, len(l.Codes))
	for k := range l.Codes {
		n, err := strconv.Atoi(k)
		if err == nil {
			codes = append(codes, n)
			stats[n] = &CodeStats{Code: n}
		}
	}
	sort.Ints(codes)
	for i, c := range l.Cases {
		r := results[i]
		if r.Err != nil {
			s.Errors = append(s.Errors, c.ID+": "+r.Err.Error())
			continue
		}
		clean := true
		for k, want := range c.Expect {
			n, err := strconv.Atoi(k)
			if err != nil || want == nil {
				continue
			}
			if *want {
				clean = false
			}
			st := stats[n]
			if st == nil {
				continue
			}
			got := r.Codes[n]
			switch {
			case *want && got:
				st.TP++
			case *want && !got:
				st.FN++
				st.Misses = append(st.Misses, c.ID)
			case !*want && got:
				st.FP++
				st.FalseAlarms = append(st.FalseAlarms, c.ID)
			default:
				st.TN++
			}
		}
		if clean {
			s.CleanCases++
			if len(r.Codes) > 0 {
				s.FalseRejects = append(s.FalseRejects, c.ID)
				s.Rejects.add(c, r)
			}
		}
	}
	for _, n := range codes {
		st := stats[n]
		st.Precision = ratio(st.TP, st.TP+st.FP)
		st.Recall = ratio(st.TP, st.TP+st.FN)
		if st.Precision+st.Recall > 0 {
			st.F1 = 2 * st.Precision * st.Recall / (st.Precision + st.Recall)
		}
		s.Codes = append(s.Codes, *st)
	}
	s.FalseRejectRate = ratio(len(s.FalseRejects), s.CleanCases)
	s.Rejects.OnFalseRate = ratio(len(s.Rejects.OnFalse), s.CleanCases)
	s.Detection = scoreDetection(l, results)
	ious := s.Detection.CaseIoUs
	if len(ious) > 0 {
		sum, good := 0.0, 0
		for _, v := range ious {
			sum += v.IoU
			if v.IoU >= 0.9 {
				good++
			} else {
				s.LowIoU = append(s.LowIoU, fmt.Sprintf("%s (%.2f)", v.ID, v.IoU))
			}
		}
		s.IoUCases = len(ious)
		s.IoUMean = sum / float64(len(ious))
		m := len(ious) / 2
		s.IoUMedian = ious[m].IoU
		if len(ious)%2 == 0 {
			s.IoUMedian = (ious[m-1].IoU + ious[m].IoU) / 2
		}
		s.IoUAt90 = float64(good) / float64(len(ious))
	}
	return s
}

// QuadIoU is the intersection over union of two quads (treated as convex;
// a self-intersecting detection scores by its convex clip).
func QuadIoU(a, b vision.Quad) float64 {
	inter := vision.IntersectionArea(a[:], b[:])
	union := a.Area() + b.Area() - inter
	if union <= 0 || math.IsNaN(inter) {
		return 0
	}
	return inter / union
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
