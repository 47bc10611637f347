package register

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestOtherMailList checks the Other mail list, which reads only the
// columns its rows need: newest first, no message that is in a case, and
// each row's fields the same as the stored message's, also after an
// officer's decisions change them.
func TestOtherMailList(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	req := request(1, t0, "asiakas@example.fi")
	bulk := request(2, t0.Add(2*time.Hour), "news@example.com")
	bulk.Disposition, bulk.Kinds, bulk.Subject = DispositionBulk, nil, "Uutiskirje marraskuu"
	unsure := request(3, t0.Add(3*time.Hour), "buyer@example.se")
	unsure.Disposition, unsure.Kinds, unsure.Uncertain = DispositionOther, []string{"access"}, true
	auto := request(4, t0.Add(time.Hour), "poissa@example.fi")
	auto.Disposition, auto.Kinds, auto.Subject = DispositionAutoReply, nil, "Poissa: Tietopyyntö"
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 7, LastUID: 4,
		Messages: []Message{req, bulk, unsure, auto}}); err != nil {
		t.Fatal(err)
	}

	check := func(wantUIDs ...uint32) []Message {
		t.Helper()
		list, err := db.OtherMail(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var uids []uint32
		for _, m := range list {
			uids = append(uids, m.UID)
			whole, err := db.MessageByID(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if m.Mailbox != whole.Mailbox || m.UIDValidity != whole.UIDValidity || m.UID != whole.UID ||
				!m.ReceivedAt.Equal(whole.ReceivedAt) || m.From != whole.From || m.Subject != whole.Subject ||
				m.Disposition != whole.Disposition || !slices.Equal(m.Kinds, whole.Kinds) ||
				m.Uncertain != whole.Uncertain || m.Confirmed != whole.Confirmed || m.CaseID != 0 {
				t.Errorf("listed as %+v\nstored as %+v", m, whole)
			}
		}
		if !slices.Equal(uids, wantUIDs) {
			t.Errorf("other mail UIDs %v, want %v (newest first, none in a case)", uids, wantUIDs)
		}
		return list
	}
	list := check(3, 2, 4)
	if !list[0].Uncertain || !slices.Equal(list[0].Kinds, []string{"access"}) || list[1].Subject != "Uutiskirje marraskuu" {
		t.Errorf("rows %+v", list[:2])
	}

	if err := db.ConfirmNotRequest(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if list = check(3, 2, 4); !list[0].Confirmed || list[0].Uncertain {
		t.Errorf("after the officer confirmed it: %+v", list[0])
	}
	if _, err := db.OpenCaseFromMessage(ctx, list[1].ID, []string{"objection"}); err != nil {
		t.Fatal(err)
	}
	check(3, 4)
}
