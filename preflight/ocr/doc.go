// Package ocr is a client for the OCR / proof-of-life endpoint
// (POST api/v3/ocr/) that idpreflight fronts.
//
// It sends the multipart fields the endpoint expects (frontside, backside,
// document_type, document_id, return_id, device), authenticates with a JWT
// bearer token from a TokenSource (refreshed once when the endpoint answers
// 401), refuses images over the 2 MB limit before sending anything, and
// turns the endpoint's failure answer {"valid": false, "error_code": 8xx,
// "error": "...", "id": N} into a *RejectedError carrying the code.
//
//	c, err := ocr.NewClient("https://ocr.example/", ocr.StaticToken(tok))
//	res, err := c.Submit(ctx, ocr.Request{
//		DocumentType: ocr.IdentificationCard, Front: front, Back: back,
//	})
//	var rej *ocr.RejectedError
//	if errors.As(err, &rej) {
//		fmt.Println(rej.Code, rej.Message)
//	}
//
// The client never logs, and no error it returns contains the token.
package ocr
