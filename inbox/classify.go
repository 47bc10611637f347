package inbox

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Classify decides what a message is and, for a request, which rights it
// invokes, keeping its reasons.
//
// The order of decision is fixed: a delivery report is a Bounce; an
// automatic answer is an AutoReply; mail with mailing-list or bulk-mailer
// headers is Bulk, unless its text carries a strong first-person request
// about the writer's own data, which makes it an uncertain Request (the
// mailer's footer, instructions to the reader and articles about rights
// are no such request). Then the writer's own words decide
// (quoted text, a signature and forwarded text do not count as their own,
// though forwarded text is weak evidence): a Request when they exercise a
// right, Bulk when they read like a newsletter footer or spam, and Other
// otherwise. A missed request is the worst mistake, so a person's mail that
// might be a request is an uncertain Request rather than Other.
//
// The headers are read here; the text in steps, one file each: quoted.go
// keeps the writer's own words apart from quoted and forwarded text,
// tokens.go folds and splits them into words and sentences, lexicon.go
// (lexiconGroups) names what each word or phrase means — see it for how to
// add a phrase — rules.go turns features near each other into evidence for
// a kind, and verdict.go weighs the evidence into a Verdict.
func Classify(p Parsed) Verdict { return classify(p, splitText(p)) }

// classify is Classify with p's text already split by splitText.
func classify(p Parsed, sp textSplit) Verdict {
	if reasons := bounceEvidence(p); len(reasons) > 0 {
		return Verdict{Disposition: Bounce, Reasons: reasons}
	}
	if reasons := autoReplyEvidence(p); len(reasons) > 0 {
		return Verdict{Disposition: AutoReply, Reasons: reasons}
	}
	a := analyseText(p, sp)
	defer a.release()
	if bulk := bulkHeaderEvidence(p); len(bulk) > 0 {
		if g := a.genuineOnly(); g.certain {
			v := g.request()
			v.Uncertain = true
			v.Reasons = append(v.Reasons, bulk...)
			v.Reasons = append(v.Reasons, "request words in a bulk-looking mail")
			return v
		}
		return Verdict{Disposition: Bulk, Reasons: bulk}
	}
	if len(a.bulk) >= 2 {
		if g := a.genuineOnly(); g.certain {
			v := g.request()
			v.Uncertain = true
			v.Reasons = append(v.Reasons, a.bulk...)
			return v
		}
		v := Verdict{Disposition: Bulk, Reasons: a.bulk, Uncertain: len(a.bulk) < 3 || a.hasRequest}
		if a.hasRequest {
			v.Reasons = append(v.Reasons, a.request().Reasons...)
		}
		return v
	}
	if a.hasRequest {
		return a.request()
	}
	v := a.other()
	if p.ParseError != "" {
		// Part of the message may be missing: only a person can tell.
		v.Disposition, v.Uncertain = Request, true
		v.Reasons = append(v.Reasons, "not parsed completely: "+shorten(p.ParseError, 60))
	}
	return v
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
		key := strings.ToLower(h.Key)
		var v, token string
		switch key { // only these values are read: a mail has dozens of headers
		case "auto-submitted", "x-autoreply", "x-autorespond", "precedence", "return-path":
			v, token = headerToken(h.Value, "; \t(")
		}
		switch key {
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

// bulkHeaderEvidence lists the headers that mark mailing-list, newsletter,
// bulk-mailer and spam-flagged mail. A person's own mail practically never
// carries them.
func bulkHeaderEvidence(p Parsed) []string {
	var reasons []string
	add := func(r string) {
		for _, x := range reasons {
			if x == r {
				return
			}
		}
		reasons = append(reasons, r)
	}
	for _, h := range p.Headers {
		key := strings.ToLower(h.Key)
		var v, token string
		switch key { // only these values are read
		case "precedence", "x-spam-flag", "x-spam-status", "x-mailer":
			v, token = headerToken(h.Value, "; \t(,")
		}
		switch {
		case key == "list-unsubscribe", key == "list-id", key == "list-unsubscribe-post",
			key == "x-mc-user", key == "feedback-id", key == "x-csa-complaints",
			key == "x-sfmc-stack", key == "x-mailgun-campaign-id",
			strings.HasPrefix(key, "x-mailchimp"), strings.HasPrefix(key, "x-campaign"),
			strings.HasPrefix(key, "x-newsletter"):
			add("header " + h.Key + " → bulk")
		case key == "precedence" && (token == "bulk" || token == "list" || token == "junk"):
			add("header " + h.Key + ": " + token + " → bulk")
		case (key == "x-spam-flag" || key == "x-spam-status") && strings.HasPrefix(token, "yes"):
			add("header " + h.Key + ": " + token + " → bulk")
		case key == "x-mailer" && isBulkMailer(v):
			add("header " + h.Key + ": " + shorten(strings.TrimSpace(h.Value), 40) + " → bulk")
		}
	}
	return reasons
}

// bulkMailers are names that newsletter and campaign software write into
// X-Mailer.
var bulkMailers = []string{
	"mailchimp", "sendinblue", "brevo", "mailerlite", "klaviyo", "hubspot", "mailjet",
	"campaign monitor", "createsend", "apsis", "mailpoet", "emarsys", "liana", "getresponse",
	"activecampaign", "constant contact", "phplist", "acymailing", "newsletter", "rapidmail",
	"cleverreach", "moosend", "omnisend", "salesforce marketing",
}

func isBulkMailer(v string) bool {
	for _, m := range bulkMailers {
		if strings.Contains(v, m) {
			return true
		}
	}
	return false
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

// headerToken returns a header value trimmed and in lower case, and its
// first token: what comes before any of seps.
func headerToken(value, seps string) (v, token string) {
	v = strings.ToLower(strings.TrimSpace(value))
	token = v
	if i := strings.IndexAny(token, seps); i >= 0 {
		token = token[:i]
	}
	return v, token
}

// evidence renders a header as a reason, shortened.
func evidence(h Header) string {
	return "header " + h.Key + ": " + shorten(strings.TrimSpace(h.Value), 80)
}

func quoteReason(s string) string {
	return `"` + shorten(s, 60) + `"`
}
