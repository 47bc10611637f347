package mailgen

import (
	"bytes"
	"testing"

	"dsrdesk/inbox"
)

// TestDistribution: on 2,000 messages the shapes, languages and sizes are
// roughly as documented, every message parses, requests classify as
// requests and ordinary mail mostly does not; output depends on the seed.
func TestDistribution(t *testing.T) {
	const n = 2000
	kinds := map[Kind]int{}
	langs := map[string]int{}
	requests, caught, falseAlarms := 0, 0, 0
	for m := range Generate(n, 42) {
		kinds[m.Kind]++
		langs[m.Lang]++
		size := len(m.Raw)
		switch m.Kind {
		case Plain:
			if size < 2*1024 || size > 12*1024 {
				t.Errorf("plain message of %d bytes", size)
			}
		case Attachment:
			if size < 100*1024 || size > 720*1024 {
				t.Errorf("attachment message of %d bytes", size)
			}
		}
		p := inbox.Parse(m.Raw)
		if p.ParseError != "" || p.Text == "" {
			t.Fatalf("parse: %q:\n%s", p.ParseError, m.Raw[:min(len(m.Raw), 2000)])
		}
		v := inbox.Classify(p)
		if m.Request {
			requests++
			if v.Disposition == inbox.Request {
				caught++
			}
		} else if v.Disposition == inbox.Request {
			falseAlarms++
		}
	}
	within := func(what string, got int, want, tol float64) {
		if f := float64(got) / n; f < want-tol || f > want+tol {
			t.Errorf("%s: %.3f, want %.2f±%.2f", what, f, want, tol)
		}
	}
	within("plain", kinds[Plain], 0.80, 0.03)
	within("html", kinds[HTML], 0.15, 0.03)
	within("attachment", kinds[Attachment], 0.05, 0.02)
	within("requests", requests, RequestShare, 0.02)
	for _, l := range []string{"fi", "sv", "en"} {
		if langs[l] < n/6 {
			t.Errorf("only %d messages in %s", langs[l], l)
		}
	}
	if caught < requests*9/10 {
		t.Errorf("%d of %d requests classified as requests", caught, requests)
	}
	if falseAlarms > n/100 {
		t.Errorf("%d ordinary messages classified as requests", falseAlarms)
	}
	if !bytes.Equal(One(7, 3).Raw, One(7, 3).Raw) || bytes.Equal(One(7, 3).Raw, One(8, 3).Raw) {
		t.Error("output not determined by the seed")
	}
	t.Logf("kinds %v, langs %v, requests %d (%d classified), false alarms %d", kinds, langs, requests, caught, falseAlarms)
}
