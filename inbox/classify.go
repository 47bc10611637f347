package inbox

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Classify tells obvious automatic mail from everything else. It returns
// Bounce for delivery status notifications, AutoReply for out-of-office and
// similar automatic answers, and Request otherwise, with short human-readable
// evidence for the decision. It is deliberately conservative: a request kept
// out of the queue is the worst mistake, so anything unclear is a Request.
func Classify(p Parsed) (Disposition, []string) {
	if reasons := bounceEvidence(p); len(reasons) > 0 {
		return Bounce, reasons
	}
	if reasons := autoReplyEvidence(p); len(reasons) > 0 {
		return AutoReply, reasons
	}
	return Request, nil
}

func bounceEvidence(p Parsed) []string {
	var reasons []string
	mt, params := mediaType(headerValue(p, "Content-Type"), "")
	if mt == "multipart/report" && strings.EqualFold(strings.TrimSpace(params["report-type"]), "delivery-status") {
		reasons = append(reasons, "multipart/report; report-type=delivery-status")
	}
	local := p.From.Email
	if at := strings.LastIndexByte(local, '@'); at >= 0 {
		local = local[:at]
	}
	if strings.EqualFold(local, "mailer-daemon") || strings.EqualFold(local, "postmaster") {
		reasons = append(reasons, "sender "+p.From.Email)
	}
	for _, h := range p.Headers {
		if strings.EqualFold(h.Key, "X-Failed-Recipients") {
			reasons = append(reasons, evidence(h))
			break
		}
	}
	return reasons
}

func autoReplyEvidence(p Parsed) []string {
	var strong, weak []string
	for _, h := range p.Headers {
		v := strings.ToLower(strings.TrimSpace(h.Value))
		token := v
		if i := strings.IndexAny(token, "; \t("); i >= 0 {
			token = token[:i]
		}
		switch strings.ToLower(h.Key) {
		case "auto-submitted":
			// "no" means a person sent it. "auto-forwarded" is not a
			// registered value, but forwarding rules that set it pass on
			// mail a person wrote, so it is no evidence either. Only
			// "auto-replied" decides alone: web forms and ticket systems
			// send real requests as "auto-generated", so that value only
			// supports an out-of-office subject.
			switch token {
			case "", "no", "auto-forwarded":
			case "auto-replied":
				strong = append(strong, evidence(h))
			default:
				weak = append(weak, evidence(h))
			}
		case "x-autoreply", "x-autorespond":
			if token != "no" && token != "false" && token != "0" {
				strong = append(strong, evidence(h))
			}
		case "precedence":
			switch token {
			case "auto_reply", "auto-reply":
				strong = append(strong, evidence(h))
			case "bulk", "junk", "list":
				// Bulk mail, not an automatic answer; it only supports
				// an out-of-office subject below.
				weak = append(weak, evidence(h))
			}
		case "x-auto-response-suppress", "x-ms-exchange-generated-message-source",
			"x-ms-exchange-inbox-rules-loop":
			// Outlook and Exchange set these on more than automatic
			// answers, so they are not enough on their own.
			weak = append(weak, evidence(h))
		case "return-path":
			if v == "<>" {
				weak = append(weak, evidence(h))
			}
		}
	}
	if mt, params := mediaType(headerValue(p, "Content-Type"), ""); mt == "multipart/report" &&
		strings.EqualFold(strings.TrimSpace(params["report-type"]), "disposition-notification") {
		strong = append(strong, "multipart/report; report-type=disposition-notification")
	}

	subject := strings.TrimSpace(p.Subject)
	if prefix, ok := exactAutoSubject(subject); ok {
		strong = append(strong, "subject starts with "+quoteReason(prefix))
		strong = append(strong, weak...)
	} else if prefix, ok := looseAutoSubject(subject); ok && len(weak) > 0 {
		strong = append(strong, "subject starts with "+quoteReason(prefix))
		strong = append(strong, weak...)
	}
	return strong
}

// exactAutoSubjects are the subject prefixes mail programs write on their
// automatic answers, matched exactly (case included) at the very start.
var exactAutoSubjects = []string{
	"Automaattinen vastaus:",
	"Automatiskt svar:",
	"Automatic reply:",
	"Autosvar:",
	"Out of Office:",
	"Out of Office AutoReply:",
	"Poissa:",
	"Frånvaro:",
}

// looseAutoSubjects, matched without regard to case as whole words at the
// start, only count together with a header that hints at automatic mail. A
// subject that is nothing but one of them is taken as exact.
var looseAutoSubjects = []string{
	"automaattinen vastaus",
	"automatiskt svar",
	"automatic reply",
	"autosvar",
	"out of office",
	"out of the office",
	"poissa",
	"frånvaro",
	"auto reply",
	"auto-reply",
	"autoreply",
}

func exactAutoSubject(s string) (string, bool) {
	for _, p := range exactAutoSubjects {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	bare := strings.TrimRight(s, " .!:")
	for _, p := range looseAutoSubjects {
		if strings.EqualFold(bare, p) {
			return bare, true
		}
	}
	return "", false
}

func looseAutoSubject(s string) (string, bool) {
	for _, p := range looseAutoSubjects {
		if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
			continue
		}
		if rest := s[len(p):]; rest != "" {
			r, _ := utf8.DecodeRuneInString(rest)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue // "Poissaolo" is not "Poissa"
			}
		}
		return s[:len(p)], true
	}
	return "", false
}

// headerValue returns the first top-level header named key.
func headerValue(p Parsed, key string) string {
	for _, h := range p.Headers {
		if strings.EqualFold(h.Key, key) {
			return h.Value
		}
	}
	return ""
}

// evidence renders a header as a reason, shortened.
func evidence(h Header) string {
	return "header " + h.Key + ": " + shorten(strings.TrimSpace(h.Value), 80)
}

func quoteReason(s string) string {
	return `"` + shorten(s, 60) + `"`
}
