package preflight

import (
	"fmt"
	"strings"
)

// Side is the side of the document a photo shows.
type Side int

// Document sides. Only the front carries the portrait (code 820).
const (
	Front Side = iota
	Back
)

// String returns "front" or "back".
func (s Side) String() string {
	if s == Back {
		return "back"
	}
	return "front"
}

// ParseSide parses "front" or "back".
func ParseSide(s string) (Side, error) {
	switch strings.ToLower(s) {
	case "front", "frontside":
		return Front, nil
	case "back", "backside":
		return Back, nil
	}
	return 0, fmt.Errorf("%w: side %q (want front or back)", ErrInvalidOption, s)
}

// DocumentType is the endpoint's document_type field.
type DocumentType int

// Document types. Driving licences are identification cards (ID-1).
const (
	IDCard   DocumentType = iota // "identification_card", ID-1 85.6×54 mm
	Passport                     // "passport", ID-3 125×88 mm
)

// String returns the endpoint's spelling.
func (t DocumentType) String() string {
	if t == Passport {
		return "passport"
	}
	return "identification_card"
}

// ParseDocumentType parses the endpoint's spelling (and the short forms
// "id", "card").
func ParseDocumentType(s string) (DocumentType, error) {
	switch strings.ToLower(s) {
	case "identification_card", "id", "card", "id_card":
		return IDCard, nil
	case "passport":
		return Passport, nil
	}
	return 0, fmt.Errorf("%w: document type %q (want identification_card or passport)", ErrInvalidOption, s)
}

// Device is the endpoint's device field; it selects a threshold profile.
type Device int

// Devices.
const (
	Desktop Device = iota
	IOS
	Android
)

// String returns the endpoint's spelling.
func (d Device) String() string {
	switch d {
	case IOS:
		return "IOS"
	case Android:
		return "ANDROID"
	}
	return "DESKTOP"
}

// ParseDevice parses IOS, ANDROID or DESKTOP (any case).
func ParseDevice(s string) (Device, error) {
	switch strings.ToUpper(s) {
	case "IOS":
		return IOS, nil
	case "ANDROID":
		return Android, nil
	case "DESKTOP", "":
		return Desktop, nil
	}
	return 0, fmt.Errorf("%w: device %q (want IOS, ANDROID or DESKTOP)", ErrInvalidOption, s)
}

// DefaultMaxPixels bounds the pixels of an image we agree to decode: 120 MP
// covers 100 MP phone sensors; a larger header is refused as ErrTooLarge.
const DefaultMaxPixels = 120_000_000

// config is what options set; Check works on a copy of defaultConfig.
type config struct {
	side       Side
	docType    DocumentType
	device     Device
	thresholds *Thresholds // nil: the device profile
	maxPixels  int
	quads      []Quad // nil: detect; else the outlines to check, main first
	engine     string // "": the build's engine
	// live marks a camera frame (AnalyzeFrame): the detector runs in its
	// fast mode and stages too slow for a frame rate are left out.
	live bool
	// detectOnly stops after detection and the geometry codes.
	detectOnly bool
	// qualityOnly runs only the stages behind 818, 826 and 827
	// (qualityStage): Recompress's check of its own output.
	qualityOnly bool
	// buffers is the live stream's reusable working memory (nil: none).
	buffers *frameBuffers
}

func defaultConfig() config {
	return config{side: Front, docType: IDCard, device: Desktop, maxPixels: DefaultMaxPixels}
}

// Option configures a check. Options validate their argument and make
// Check return an error wrapping ErrInvalidOption when it is out of range.
type Option func(*config) error

// WithSide sets the side the photo is submitted as (default Front).
func WithSide(s Side) Option {
	return func(c *config) error {
		if s != Front && s != Back {
			return fmt.Errorf("%w: side %d", ErrInvalidOption, s)
		}
		c.side = s
		return nil
	}
}

// WithDocumentType sets the document type (default IDCard).
func WithDocumentType(t DocumentType) Option {
	return func(c *config) error {
		if t != IDCard && t != Passport {
			return fmt.Errorf("%w: document type %d", ErrInvalidOption, t)
		}
		c.docType = t
		return nil
	}
}

// WithDevice selects the device profile of thresholds (default Desktop).
func WithDevice(d Device) Option {
	return func(c *config) error {
		if d != Desktop && d != IOS && d != Android {
			return fmt.Errorf("%w: device %d", ErrInvalidOption, d)
		}
		c.device = d
		return nil
	}
}

// WithThresholds replaces the device profile's thresholds.
func WithThresholds(t Thresholds) Option {
	return func(c *config) error {
		if err := t.Validate(); err != nil {
			return err
		}
		c.thresholds = &t
		return nil
	}
}

// WithDocumentQuads skips detection and checks the given outlines (main
// document first), in the oriented image's pixels. It is for callers that
// already know where the document is, such as a capture page tracking it
// over frames, and for `preflight eval --gt-quads`, which separates
// detection errors from picture-quality errors.
func WithDocumentQuads(quads ...Quad) Option {
	return func(c *config) error {
		if len(quads) == 0 {
			return fmt.Errorf("%w: no document quad given", ErrInvalidOption)
		}
		for _, q := range quads {
			if q.vision().Area() < 1 {
				return fmt.Errorf("%w: document quad %v has no area", ErrInvalidOption, q)
			}
		}
		c.quads = append([]Quad(nil), quads...)
		return nil
	}
}

// WithDetectOnly stops the check after detection and the geometry codes
// it decides (819, 821–825): nothing is rectified or measured inside the
// document. It is for evaluating the detector quickly (`preflight eval
// --detect-only`); its Report is not a full verdict.
func WithDetectOnly() Option {
	return func(c *config) error {
		c.detectOnly = true
		return nil
	}
}

// WithMaxPixels bounds width×height of images accepted for decoding
// (default DefaultMaxPixels).
func WithMaxPixels(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("%w: max pixels %d", ErrInvalidOption, n)
		}
		c.maxPixels = n
		return nil
	}
}

func buildConfig(opts []Option) (config, error) {
	c := defaultConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// limits returns the thresholds in force.
func (c *config) limits() Thresholds {
	if c.thresholds != nil {
		return *c.thresholds
	}
	return DeviceThresholds(c.device)
}
