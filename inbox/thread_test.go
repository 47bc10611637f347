package inbox

import "testing"

func TestThreadOf(t *testing.T) {
	cases := []struct {
		subject string
		want    Thread
	}{
		{"Tietopyyntö", Thread{BaseSubject: "tietopyyntö"}},
		{"Re: Tietopyyntö", Thread{BaseSubject: "tietopyyntö", Reply: true}},
		{"VS: Re:  Tietopyyntö ", Thread{BaseSubject: "tietopyyntö", Reply: true}},
		{"Vs: tietopyyntö", Thread{BaseSubject: "tietopyyntö", Reply: true}},
		{"SV: Begäran om registerutdrag", Thread{BaseSubject: "begäran om registerutdrag", Reply: true}},
		{"AW: Auskunft", Thread{BaseSubject: "auskunft", Reply: true}},
		{"Re[2]: Data request", Thread{BaseSubject: "data request", Reply: true}},
		{"Re: [DSR-2026-0042] Vastaus tietopyyntöönne", Thread{Tag: "DSR-2026-0042", BaseSubject: "vastaus tietopyyntöönne", Reply: true}},
		{"Fwd: Data request", Thread{BaseSubject: "data request"}},
		{"VL: VS: Tietojen poisto", Thread{BaseSubject: "tietojen poisto", Reply: true}},
		{"Resume of my data", Thread{BaseSubject: "resume of my data"}},                   // "Re" only with a colon
		{"Svar önskas: radering", Thread{BaseSubject: "svar önskas: radering"}},           // not "SV:"
		{"[DSR-2026-12345] status", Thread{Tag: "DSR-2026-12345", BaseSubject: "status"}}, // five-digit counters
	}
	for _, c := range cases {
		if got := threadOf(c.subject); got != c.want {
			t.Errorf("threadOf(%q) = %+v, want %+v", c.subject, got, c.want)
		}
	}
}
