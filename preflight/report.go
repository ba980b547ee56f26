package preflight

import (
	"encoding/json"
	"sort"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// Severity says whether an issue makes the endpoint reject the photo.
type Severity string

// Severities.
const (
	Fail Severity = "fail" // the endpoint would reject the photo
	Warn Severity = "warn" // close to a limit; the photo still passes
)

// Point is a position in image pixels. It encodes in JSON as [x, y], the
// shape of the endpoint's and the labelled sets' quads.
type Point struct{ X, Y float64 }

// MarshalJSON encodes the point as [x, y] rounded to 0.1 px.
func (p Point) MarshalJSON() ([]byte, error) {
	return json.Marshal([2]float64{round1(p.X), round1(p.Y)})
}

// UnmarshalJSON decodes [x, y].
func (p *Point) UnmarshalJSON(b []byte) error {
	var a [2]float64
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	p.X, p.Y = a[0], a[1]
	return nil
}

// Quad is a document outline: corners top-left, top-right, bottom-right,
// bottom-left of the document itself, in image pixels. Corners may lie
// outside the image when the document runs past the frame.
type Quad [4]Point

func quadFromVision(q vision.Quad) Quad {
	var out Quad
	for i, p := range q {
		out[i] = Point{p.X, p.Y}
	}
	return out
}

func (q Quad) vision() vision.Quad {
	var out vision.Quad
	for i, p := range q {
		out[i] = vision.Point{X: p.X, Y: p.Y}
	}
	return out
}

// Region is an axis-aligned box in image pixels that an issue concerns.
type Region struct {
	X, Y, W, H int
}

// Issue is one problem found, with what was measured against which limit.
type Issue struct {
	Code      Code     `json:"code"`
	Message   string   `json:"message"`
	Severity  Severity `json:"severity"`
	Value     float64  `json:"value"`
	Threshold float64  `json:"threshold"`
	// Detail explains the measurement in words, for people.
	Detail  string   `json:"detail,omitempty"`
	Regions []Region `json:"regions,omitempty"`
}

// Document describes the document(s) found.
type Document struct {
	// Quads lists every document found, the main one first.
	Quads []Quad `json:"quads"`
	// Type is the document type guessed from the main quad's shape
	// ("identification_card" or "passport").
	Type string `json:"type,omitempty"`
	// AreaFraction is the visible area of the main document / image area.
	AreaFraction float64 `json:"area_fraction"`
	// VisibleFraction is the part of the main document inside the frame.
	VisibleFraction float64 `json:"visible_fraction"`
	// Score is the detector's confidence in the main quad, 0..1.
	Score float64 `json:"score"`
	// Portrait is the face found on the main document (front side), in
	// image pixels; nil when none was found or the side is the back.
	Portrait *Region `json:"portrait,omitempty"`
	// DPI is the effective resolution of the document in pixels per inch,
	// from its physical size; 0 when unknown.
	DPI float64 `json:"dpi,omitempty"`
}

// Report is the result of a check. Valid, ErrorCode and Error mirror the
// endpoint's answer (the highest-priority failing issue); the other fields
// explain it.
type Report struct {
	Valid     bool   `json:"valid"`
	ErrorCode Code   `json:"error_code,omitempty"`
	Error     string `json:"error,omitempty"`
	// Issues lists every failing issue (by priority) and then warnings.
	Issues   []Issue   `json:"issues"`
	Document *Document `json:"document,omitempty"`
	// Metrics holds every measurement by name, for tuning and eval.
	Metrics map[string]float64 `json:"metrics"`
	Width   int                `json:"width"`
	Height  int                `json:"height"`
	Side    string             `json:"side"`
	DocType string             `json:"document_type"`
	Device  string             `json:"device"`
	// Engine names the detection engine that ran ("pure-go" or "gocv").
	Engine string `json:"engine"`
	// TimingsMS is the time spent per stage, in milliseconds.
	// "portrait_frame", when present, is the part of "portrait" spent on
	// the whole-photo face search (820's fallback when the document shows
	// no face), by far the dearest step when it runs.
	TimingsMS map[string]float64 `json:"timings_ms"`
}

// Failed reports whether the report has a failing issue with this code.
func (r *Report) Failed(c Code) bool {
	for _, is := range r.Issues {
		if is.Code == c && is.Severity == Fail {
			return true
		}
	}
	return false
}

// Codes returns the failing codes in priority order.
func (r *Report) Codes() []Code {
	var out []Code
	for _, is := range r.Issues {
		if is.Severity == Fail {
			out = append(out, is.Code)
		}
	}
	return out
}

// finish orders issues and fills the endpoint-shaped fields.
func (r *Report) finish() {
	sort.SliceStable(r.Issues, func(i, j int) bool {
		a, b := r.Issues[i], r.Issues[j]
		if (a.Severity == Fail) != (b.Severity == Fail) {
			return a.Severity == Fail
		}
		return a.Code.priority() < b.Code.priority()
	})
	r.Valid = true
	r.ErrorCode, r.Error = 0, ""
	if len(r.Issues) > 0 && r.Issues[0].Severity == Fail {
		r.Valid = false
		r.ErrorCode = r.Issues[0].Code
		r.Error = r.Issues[0].Code.Message()
	}
	if r.Issues == nil {
		r.Issues = []Issue{}
	}
}

func (r *Report) add(is Issue) {
	is.Message = is.Code.Message()
	r.Issues = append(r.Issues, is)
}

func round1(v float64) float64 {
	if v < 0 {
		return -round1(-v)
	}
	return float64(int64(v*10+0.5)) / 10
}
