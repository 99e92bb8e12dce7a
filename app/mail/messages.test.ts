import { describe, expect, it } from "vitest";
import {
  addressConfirmationMail,
  digestSize,
  escapeHtml,
  maskEmail,
  receiptMail,
  reminderDigestMail,
} from "~/mail/messages";

describe("maskEmail", () => {
  it("keeps the first and last letter of the name and the domain's first letter and ending", () => {
    expect(maskEmail("mario.rossi@example.it")).toBe("m***i@e***.it");
    expect(maskEmail("pagatore.anonimo@posta.test")).toBe("p***o@p***.test");
  });
  it("never shows a short name whole, nor an address that is not one", () => {
    expect(maskEmail("ab@x.it")).toBe("a***@x***.it");
    expect(maskEmail("a@localhost")).toBe("a***@l***");
    expect(maskEmail("nonunindirizzo")).toBe("***");
  });
});

describe("the mails", () => {
  it("escapes what goes into the HTML part", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const mail = receiptMail({
      portalName: "Portale",
      paidAt: "2026-11-26T10:00:00.000Z",
      items: [
        {
          creditorName: "Comune <di> Prova",
          description: "TARI",
          nav: "301000000000000952",
          amountCents: 9760,
        },
      ],
      feeCents: 150,
      unsubscribeUrl: null,
    });
    expect(mail.html).toContain("Comune &lt;di&gt; Prova");
    expect(mail.html).not.toContain("<di>");
    expect(mail.text).toContain("Comune <di> Prova, TARI: € 97,60 (codice avviso 3010 0000 0000 0009 52)");
    expect(mail.text).toContain("Totale pagato: € 99,10, di cui € 1,50 di commissione.");
    expect(mail.subject).toBe("Ricevuta di pagamento: TARI");
  });

  it("says how long a confirmation link lasts", () => {
    const mail = addressConfirmationMail({
      portalName: "Portale",
      name: "Lucia",
      confirmUrl: "https://portale.example.it/conferma-email?token=abc",
      expiresAt: "2026-11-27T10:00:00.000Z",
    });
    expect(mail.text).toContain("Gentile Lucia,");
    expect(mail.text).toContain("Conferma l'indirizzo: https://portale.example.it/conferma-email?token=abc");
    expect(mail.text).toContain("fino al 27/11/2026");
  });

  it("dates instants by the day they fall on in Italy, also in the hour after midnight there", () => {
    const confirmation = addressConfirmationMail({
      portalName: "Portale",
      name: "Lucia",
      confirmUrl: "https://portale.example.it/conferma-email?token=abc",
      expiresAt: "2026-11-26T23:30:00.000Z",
    });
    expect(confirmation.text).toContain("fino al 27/11/2026");
    const receipt = receiptMail({
      portalName: "Portale",
      paidAt: "2026-11-25T23:30:00.000Z",
      items: [
        {
          creditorName: "Comune di Torino",
          description: "TARI",
          nav: "301000000000000952",
          amountCents: 9760,
        },
      ],
      feeCents: 0,
      unsubscribeUrl: null,
    });
    expect(receipt.text).toContain("il pagamento del 26/11/2026");
  });

  it("puts overdue and upcoming notices in one digest, each with its own pay link", () => {
    const base = {
      portalName: "Portale",
      publicUrl: "https://portale.example.it",
      name: "Lucia",
      today: "2026-11-26",
      documents: [],
      appointments: [],
      pratiche: [],
      messages: null,
      unsubscribe: { promemoria: "https://portale.example.it/posta/disiscrizione?c=1&k=promemoria&t=x" },
    };
    const notice = {
      creditorName: "Comune di Torino",
      description: "TARI 2026 rata 2",
      nav: "301000000000000952",
      creditorFiscalCode: "00514490010",
      amountCents: 9760,
    };
    expect(reminderDigestMail({ ...base, notices: [] })).toBeNull();
    const one = reminderDigestMail({ ...base, notices: [{ ...notice, dueDate: "2026-12-03" }] })!;
    expect(one.subject).toBe("Promemoria: avviso in scadenza il 03/12/2026");
    const two = reminderDigestMail({
      ...base,
      notices: [
        { ...notice, dueDate: "2026-11-25" },
        { ...notice, nav: "301000000000000953", dueDate: "2026-12-03" },
      ],
      documents: [{ label: "Carta d'identità", expiryDate: "2027-01-25" }],
    })!;
    expect(two.subject).toBe("Promemoria: 3 scadenze da ricordare");
    expect(two.text).toContain("Un avviso è scaduto ieri e risulta da pagare:");
    expect(two.text).toContain("Un avviso è in scadenza:");
    expect(two.text).toContain("Carta d'identità: scade il 25/01/2027");
    expect(two.text).toContain("/paga-un-avviso?codice=301000000000000952&ente=00514490010");
    expect(two.text).toContain("/paga-un-avviso?codice=301000000000000953&ente=00514490010");
    expect(two.text).toContain(
      `Per non ricevere più promemoria di scadenze e pagamenti: ${base.unsubscribe.promemoria}`,
    );
    expect(digestSize({ notices: [], documents: [], appointments: [], pratiche: [], messages: null })).toBe(
      0,
    );
    expect(
      digestSize({
        notices: [],
        documents: [],
        appointments: [],
        pratiche: [],
        messages: { count: 0, senders: [] },
      }),
    ).toBe(0);
  });

  it("tells of pratiche waiting for documents and of new messages, with each kind's stop link", () => {
    const base = {
      portalName: "Portale",
      publicUrl: "https://portale.example.it",
      name: "Lucia",
      today: "2026-11-26",
      notices: [],
      documents: [],
      appointments: [],
    };
    const mail = reminderDigestMail({
      ...base,
      pratiche: [{ title: "Cambio di residenza", enteName: "Comune di Torino", dueDate: "2026-12-25" }],
      messages: { count: 2, senders: ["Comune di Torino", "Regione Piemonte"] },
      unsubscribe: { promemoria: "https://p/stop-promemoria", messaggi: "https://p/stop-messaggi" },
    })!;
    expect(mail.subject).toBe("Promemoria: 2 scadenze da ricordare");
    expect(mail.text).toContain("- Cambio di residenza (Comune di Torino): da inviare entro il 25/12/2026");
    expect(mail.text).toContain("Hai 2 nuovi messaggi da Comune di Torino, Regione Piemonte.");
    expect(mail.text).toContain(
      "Per non ricevere più avvisi di nuovi messaggi nell'area personale: https://p/stop-messaggi",
    );
    const onlyMessages = reminderDigestMail({
      ...base,
      pratiche: [],
      messages: { count: 1, senders: ["Comune di Torino"] },
      unsubscribe: { messaggi: "https://p/stop-messaggi" },
    })!;
    expect(onlyMessages.subject).toBe("Hai un nuovo messaggio nell'area personale");
    const onlyCard = reminderDigestMail({
      ...base,
      documents: [{ label: "Carta d'identità", expiryDate: "2027-01-25" }],
      pratiche: [],
      messages: null,
      unsubscribe: { promemoria: "https://p/stop-promemoria" },
    })!;
    expect(onlyCard.subject).toBe("Promemoria: carta d'identità in scadenza il 25/01/2027");
    expect(onlyMessages.text).not.toContain("stop-promemoria");
  });
});
