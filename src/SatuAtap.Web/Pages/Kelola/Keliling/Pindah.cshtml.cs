using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Keliling;

/// <summary>Moves a visit to another time (bookings kept, holders told) through <see cref="MoveVisit"/>; its messages are shown in the form.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class PindahModel(MoveVisit move, OutreachReads reads) : FormPageModel
{
    public sealed class MoveForm
    {
        public string? Date { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Note { get; set; }
        public bool ConfirmHoliday { get; set; }
    }

    [BindProperty] public MoveForm Form { get; set; } = new();
    public VisitView Visit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await reads.VisitAsync(id, ct) is not { } visit) return NotFound();
        Visit = visit;
        Form = new MoveForm
        {
            Date = visit.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Start = visit.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            End = visit.End.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = await move.HandleAsync(id, new MoveVisitRequest(RencanaModel.At(Form.Date, Form.Start), RencanaModel.At(Form.Date, Form.End), Form.Note, Form.ConfirmHoliday),
            HttpContext.Caller(), ct);
        if (Settle(outcome, doneMessage: Lang.T("Kunjungan dipindahkan; pemesan diberi tahu.", "The visit is moved; the people who booked are told.")) is { } answer)
            return answer;
        Visit = outcome.Value ?? (await reads.VisitAsync(id, ct))!;
        return Page();
    }
}
