package ocr

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/textproto"
)

// MaxImageBytes is the endpoint's limit on each JPEG: 2 MB, decimal
// (2 000 000 bytes), the reading of "2 MB" that is safe whichever unit the
// server means.
const MaxImageBytes = 2_000_000

// Document types, as the endpoint spells them.
const (
	Passport           = "passport"
	IdentificationCard = "identification_card"
)

// Devices, as the endpoint spells them.
const (
	DeviceIOS     = "IOS"
	DeviceAndroid = "ANDROID"
	DeviceDesktop = "DESKTOP"
)

// Request is one submission.
type Request struct {
	// DocumentType is Passport or IdentificationCard.
	DocumentType string
	// Front is the front side JPEG (required).
	Front []byte
	// Back is the back side JPEG: required for identification cards,
	// refused for passports.
	Back []byte
	// DocumentID is the optional passport code.
	DocumentID string
	// ReturnID asks the endpoint to return the record id.
	ReturnID bool
	// Device is DeviceIOS, DeviceAndroid, DeviceDesktop or empty.
	Device string
}

// Validate checks the request against the endpoint's contract without
// sending it. Errors wrap ErrInvalidRequest or ErrTooLarge.
func (r *Request) Validate() error {
	switch r.DocumentType {
	case Passport:
		if len(r.Back) > 0 {
			return fmt.Errorf("%w: a passport has no backside", ErrInvalidRequest)
		}
	case IdentificationCard:
		if len(r.Back) == 0 {
			return fmt.Errorf("%w: an identification card needs its backside", ErrInvalidRequest)
		}
	default:
		return fmt.Errorf("%w: document_type %q (want %s or %s)", ErrInvalidRequest, r.DocumentType, Passport, IdentificationCard)
	}
	switch r.Device {
	case "", DeviceIOS, DeviceAndroid, DeviceDesktop:
	default:
		return fmt.Errorf("%w: device %q (want IOS, ANDROID or DESKTOP)", ErrInvalidRequest, r.Device)
	}
	if err := checkJPEG("frontside", r.Front); err != nil {
		return err
	}
	if len(r.Back) > 0 {
		return checkJPEG("backside", r.Back)
	}
	return nil
}

func checkJPEG(field string, b []byte) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: %s is empty", ErrInvalidRequest, field)
	}
	if len(b) < 3 || b[0] != 0xFF || b[1] != 0xD8 || b[2] != 0xFF {
		return fmt.Errorf("%w: %s is not a JPEG", ErrInvalidRequest, field)
	}
	if len(b) > MaxImageBytes {
		return fmt.Errorf("%w: %s is %d bytes, the limit is %d (preflight.Recompress fits it)", ErrTooLarge, field, len(b), MaxImageBytes)
	}
	return nil
}

// body encodes the multipart form; it returns the body and its content type.
func (r *Request) body() ([]byte, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	addFile := func(field, name string, data []byte) error {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, field, name))
		h.Set("Content-Type", "image/jpeg")
		w, err := mw.CreatePart(h)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := addFile("frontside", "frontside.jpg", r.Front); err != nil {
		return nil, "", err
	}
	if len(r.Back) > 0 {
		if err := addFile("backside", "backside.jpg", r.Back); err != nil {
			return nil, "", err
		}
	}
	fields := [][2]string{{"document_type", r.DocumentType}}
	if r.DocumentID != "" {
		fields = append(fields, [2]string{"document_id", r.DocumentID})
	}
	if r.ReturnID {
		// The endpoint reads the Python spelling of true.
		fields = append(fields, [2]string{"return_id", "True"})
	}
	if r.Device != "" {
		fields = append(fields, [2]string{"device", r.Device})
	}
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return nil, "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), mw.FormDataContentType(), nil
}
