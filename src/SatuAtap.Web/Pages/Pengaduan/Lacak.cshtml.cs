using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SatuAtap.Core.Common;
using SatuAtap.Core.Feedback;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Pengaduan;

/// <summary>
/// A complaint's public status and answers by its number; with the check code (posted, never in the address) the
/// reporter also sees their own text, replies, and reopens an answer that did not resolve it.
/// </summary>
[EnableRateLimiting(RateLimiting.Tracking)]
public sealed class LacakModel(TrackComplaint track, ActOnComplaint act) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nomor")] public string? Nomor { get; set; }
    [BindProperty(Name = "cek")] public string? Cek { get; set; }
    [BindProperty(Name = "teks")] public string? Teks { get; set; }
    public ComplaintView? Complaint { get; private set; }
    public bool HasCheck => Complaint?.Text is not null && !string.IsNullOrEmpty(Cek);
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NoReferrer.Apply(Response);
        if (!string.IsNullOrWhiteSpace(Nomor)) await ShowAsync(ct);
    }

    public async Task OnPostCariAsync(CancellationToken ct)
    {
        NoReferrer.Apply(Response);
        await ShowAsync(ct);
    }

    public Task OnPostBalasAsync(CancellationToken ct) => ActAsync(ComplaintAction.Reply, ct);

    public Task OnPostBukaAsync(CancellationToken ct) => ActAsync(ComplaintAction.Reopen, ct);

    private async Task ActAsync(ComplaintAction action, CancellationToken ct)
    {
        NoReferrer.Apply(Response);
        var outcome = await act.HandleAsync(Nomor ?? "", action, new ComplaintActInput(Text: Teks, Check: Cek), HttpContext.Caller(), ct);
        Done = outcome.Succeeded;
        Message = outcome.Succeeded
            ? (action == ComplaintAction.Reopen ? Lang.T("Pengaduan dibuka kembali dan diteruskan lagi ke instansi.", "The complaint is reopened and forwarded to the agency again.")
                : Lang.T("Balasan terkirim.", "The reply is sent."))
            : outcome.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? outcome.Message;
        if (!outcome.Succeeded) Response.StatusCode = Problems.StatusOf(outcome.Kind);
        await ShowAsync(ct, keepStatus: true);
    }

    private async Task ShowAsync(CancellationToken ct, bool keepStatus = false)
    {
        var outcome = await track.HandleAsync(Nomor, Cek, HttpContext.Caller(), ct);
        if (outcome.Succeeded) Complaint = outcome.Value;
        else if (!keepStatus)
        {
            Message = outcome.Message;
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
        }
    }
}
