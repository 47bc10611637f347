package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
)

// AppendDraft saves raw, a complete RFC 5322 message, in the Drafts folder
// with the \Draft and \Seen flags, for the officer to send from their mail
// client. The folder is imap.drafts, else the one marked \Drafts, else
// "Drafts" (created if the server has no such folder). This and AppendSent
// are dsrdesk's only writes to the mailbox, made only when asked.
func AppendDraft(ctx context.Context, cfg Config, password string, raw []byte) error {
	return appendTo(ctx, cfg, password, raw, cfg.Drafts, "imap.drafts", imap.MailboxAttrDrafts, DefaultDrafts,
		imap.FlagDraft, imap.FlagSeen)
}

// AppendSent files raw, a message just sent by SMTP, in the Sent folder with
// the \Seen flag, as a mail client does: imap.sent, else the folder marked
// \Sent, else "Sent" (created if missing). The next sync reads it back from
// there and records the answer on its case.
func AppendSent(ctx context.Context, cfg Config, password string, raw []byte) error {
	return appendTo(ctx, cfg, password, raw, cfg.Sent, "imap.sent", imap.MailboxAttrSent, DefaultSent, imap.FlagSeen)
}

// appendTo logs in, finds the folder and appends raw to it with flags.
func appendTo(ctx context.Context, cfg Config, password string, raw []byte,
	configured, key string, attr imap.MailboxAttr, fallback string, flags ...imap.Flag) error {
	if len(raw) == 0 {
		return fmt.Errorf("append to the %s folder: the message is empty", fallback)
	}
	s, err := dial(ctx, cfg, password, "")
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := s.findFolder(configured, key, attr, fallback)
	if err != nil {
		return err
	}
	if !f.exists && f.key != "" {
		return fmt.Errorf("%s: the server has no folder %q; create it in your mail client, or set %s to an existing folder",
			f.key, f.name, f.key)
	}
	if !f.exists {
		// The mailbox has no such folder at all: make the usual one,
		// as a mail client would on its first draft.
		if err := s.c.Create(f.name, nil).Wait(); err != nil && !isCode(err, imap.ResponseCodeAlreadyExists) {
			return fmt.Errorf("create the %s folder %q: %w", fallback, f.name, err)
		}
		// Mail clients list subscribed folders only. A failure here
		// loses nothing: the message still goes into the folder.
		s.c.Subscribe(f.name).Wait()
	}
	return s.append(f.name, raw, flags)
}

// append appends raw to folder with flags, dated now; the command is always
// finished.
func (s *Session) append(folder string, raw []byte, flags []imap.Flag) error {
	cmd := s.c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: flags, Time: time.Now()})
	_, werr := cmd.Write(raw)
	cerr := cmd.Close()
	_, err := cmd.Wait()
	if err = errors.Join(werr, cerr, err); err != nil {
		return fmt.Errorf("append the message (%d bytes) to folder %q: %w", len(raw), folder, err)
	}
	return nil
}

// isCode reports whether err is an IMAP NO or BAD with the response code.
func isCode(err error, code imap.ResponseCode) bool {
	var e *imap.Error
	return errors.As(err, &e) && e.Code == code
}
