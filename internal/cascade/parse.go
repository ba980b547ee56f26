package cascade

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrFormat is wrapped by every error about a cascade file that cannot be
// used: malformed XML, missing fields, out-of-range indices.
var ErrFormat = errors.New("cascade: invalid cascade")

// ErrUnsupported is wrapped when the file is a valid OpenCV cascade of a
// kind this package does not evaluate (Haar features, trees deeper than a
// stump, the pre-2.0 format).
var ErrUnsupported = errors.New("cascade: unsupported cascade")

// Cascade is a parsed boosted LBP cascade of stumps. It is immutable and
// safe for concurrent use.
type Cascade struct {
	// W, H is the detection window of the training samples, in pixels.
	W, H     int
	stages   []stage
	features []feature
}

// stage is one boosted stage: the window passes when the sum of its weak
// classifiers' leaves reaches threshold.
type stage struct {
	threshold float32
	weak      []stump
}

// stump is a categorical decision stump on one LBP feature: code c takes
// leaf[0] when bit c of subset is set, else leaf[1].
type stump struct {
	feature int
	subset  [8]uint32
	leaf    [2]float32
}

// feature is a 3×3 grid of w×h blocks whose top-left corner is (x, y)
// in the window.
type feature struct{ x, y, w, h int }

// xmlStorage mirrors the subset of OpenCV's FileStorage XML we read.
type xmlStorage struct {
	XMLName xml.Name `xml:"opencv_storage"`
	Cascade *struct {
		StageType   string `xml:"stageType"`
		FeatureType string `xml:"featureType"`
		Height      int    `xml:"height"`
		Width       int    `xml:"width"`
		StageNum    int    `xml:"stageNum"`
		Stages      []struct {
			MaxWeakCount   int    `xml:"maxWeakCount"`
			StageThreshold string `xml:"stageThreshold"`
			Weak           []struct {
				InternalNodes string `xml:"internalNodes"`
				LeafValues    string `xml:"leafValues"`
			} `xml:"weakClassifiers>_"`
		} `xml:"stages>_"`
		Features []struct {
			Rect string `xml:"rect"`
		} `xml:"features>_"`
	} `xml:"cascade"`
}

// maxWindow bounds the window size read from a file; OpenCV's shipped
// cascades use 20–45 px, and a huge value would only waste memory.
const maxWindow = 1024

// Parse reads a cascade in OpenCV's traincascade XML format. Only LBP
// feature cascades of stumps (maxDepth 1, the format of
// lbpcascade_frontalface*.xml) are supported; anything else is an error
// wrapping ErrUnsupported, malformed input one wrapping ErrFormat.
func Parse(data []byte) (*Cascade, error) {
	var st xmlStorage
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&st); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	x := st.Cascade
	if x == nil {
		return nil, fmt.Errorf("%w: no <cascade> element (pre-2.0 Haar files are not supported)", ErrUnsupported)
	}
	if x.StageType != "BOOST" {
		return nil, fmt.Errorf("%w: stage type %q, want BOOST", ErrUnsupported, x.StageType)
	}
	if x.FeatureType != "LBP" {
		return nil, fmt.Errorf("%w: feature type %q, want LBP", ErrUnsupported, x.FeatureType)
	}
	if x.Width <= 0 || x.Height <= 0 || x.Width > maxWindow || x.Height > maxWindow {
		return nil, fmt.Errorf("%w: window %dx%d", ErrFormat, x.Width, x.Height)
	}
	if len(x.Stages) == 0 || len(x.Stages) != x.StageNum {
		return nil, fmt.Errorf("%w: %d stages, stageNum says %d", ErrFormat, len(x.Stages), x.StageNum)
	}
	c := &Cascade{W: x.Width, H: x.Height}
	for i, r := range x.Features {
		v, err := ints(r.Rect, 4)
		if err != nil {
			return nil, fmt.Errorf("%w: feature %d: %v", ErrFormat, i, err)
		}
		f := feature{int(v[0]), int(v[1]), int(v[2]), int(v[3])}
		if f.x < 0 || f.y < 0 || f.w <= 0 || f.h <= 0 || f.x+3*f.w > c.W || f.y+3*f.h > c.H {
			return nil, fmt.Errorf("%w: feature %d %v outside the %dx%d window", ErrFormat, i, v, c.W, c.H)
		}
		c.features = append(c.features, f)
	}
	for si, xs := range x.Stages {
		th, err := strconv.ParseFloat(strings.TrimSpace(xs.StageThreshold), 32)
		if err != nil {
			return nil, fmt.Errorf("%w: stage %d threshold: %v", ErrFormat, si, err)
		}
		if len(xs.Weak) == 0 {
			return nil, fmt.Errorf("%w: stage %d has no weak classifier", ErrFormat, si)
		}
		s := stage{threshold: float32(th), weak: make([]stump, len(xs.Weak))}
		for wi, w := range xs.Weak {
			sp, err := parseStump(w.InternalNodes, w.LeafValues, len(c.features))
			if err != nil {
				return nil, fmt.Errorf("stage %d weak %d: %w", si, wi, err)
			}
			s.weak[wi] = sp
		}
		c.stages = append(c.stages, s)
	}
	return c, nil
}

// parseStump reads "left right featureIdx subset×8" and two leaves.
func parseStump(nodes, leaves string, nfeat int) (stump, error) {
	var s stump
	f := strings.Fields(nodes)
	if len(f) != 11 {
		if len(f) > 11 && len(f)%11 == 0 { // 11 numbers per node
			return s, fmt.Errorf("%w: trees deeper than a stump", ErrUnsupported)
		}
		return s, fmt.Errorf("%w: internalNodes has %d numbers, want 11", ErrFormat, len(f))
	}
	v, err := ints(nodes, 11)
	if err != nil {
		return s, fmt.Errorf("%w: internalNodes: %v", ErrFormat, err)
	}
	if v[2] < 0 || int(v[2]) >= nfeat {
		return s, fmt.Errorf("%w: feature index %d outside [0, %d)", ErrFormat, v[2], nfeat)
	}
	s.feature = int(v[2])
	for k := range 8 {
		s.subset[k] = uint32(int32(v[3+k]))
	}
	lf := strings.Fields(leaves)
	if len(lf) != 2 {
		return s, fmt.Errorf("%w: %d leaf values, want 2", ErrFormat, len(lf))
	}
	for k := range 2 {
		l, err := strconv.ParseFloat(lf[k], 32)
		if err != nil {
			return s, fmt.Errorf("%w: leaf: %v", ErrFormat, err)
		}
		s.leaf[k] = float32(l)
	}
	return s, nil
}

// ints parses exactly n whitespace-separated 32-bit integers.
func ints(s string, n int) ([]int64, error) {
	f := strings.Fields(s)
	if len(f) != n {
		return nil, fmt.Errorf("%d numbers, want %d", len(f), n)
	}
	out := make([]int64, n)
	for i, t := range f {
		v, err := strconv.ParseInt(t, 10, 32)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
