using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Notifications;
using SatuAtap.Web.Applications;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Notifikasi;

/// <summary>The message templates: the list, and the edit form of one (<c>/kelola/notifikasi/{id}</c>), through the same use case as the API.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(EditNotificationTemplates templates) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public Guid? Version { get; set; }

    public IReadOnlyList<TemplateView> Templates { get; private set; } = [];
    public TemplateView? Editing { get; private set; }
    public string? Message { get; private set; }
    public bool Saved { get; private set; }
    public FormErrors Errors { get; private set; } = new(null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var found = await templates.GetAsync(id, HttpContext.Caller(), ct);
            if (!found.Succeeded) return NotFound();
            Editing = found.Value;
            Subject = Editing!.Subject;
            Body = Editing.Body;
            Version = Editing.Version;
        }
        return await ListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        var outcome = await templates.HandleAsync(id, new TemplateEdit(Subject, Body, Version), HttpContext.Caller(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        var current = await templates.GetAsync(id, HttpContext.Caller(), ct);
        Editing = current.Value;
        if (outcome.Succeeded)
        {
            Saved = true;
            Message = Lang.T("Templat tersimpan.", "Template saved.");
            Subject = outcome.Value!.Subject;
            Body = outcome.Value.Body;
            Version = outcome.Value.Version;
        }
        else
        {
            Message = outcome.Message;
            Errors = new FormErrors(outcome.Errors);
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
            // A stale version keeps the person's text in the form, with the current version, so that saving again overwrites knowingly.
            if (outcome.Kind == OutcomeKind.Conflict && Editing is not null) Version = Editing.Version;
        }
        return await ListAsync(ct);
    }

    private async Task<IActionResult> ListAsync(CancellationToken ct)
    {
        Templates = (await templates.ListAsync(HttpContext.Caller(), ct)).Value ?? [];
        return Page();
    }

    public static string EventLabel(string code) => code switch
    {
        NotificationDefaults.AccountVerify => Lang.T("Kode verifikasi akun", "Account verification code"),
        NotificationDefaults.AccountPasswordReset => Lang.T("Kode kata sandi baru", "New password code"),
        NotificationDefaults.ApplicationOverdue => Lang.T("Tahap lewat batas waktu (kepada petugas)", "Step overdue (to staff)"),
        NotificationDefaults.ApplicationEscalated => Lang.T("Eskalasi ke kepala instansi", "Escalation to the agency head"),
        NotificationDefaults.ResultRevoked => Lang.T("Hasil dicabut", "Result revoked"),
        _ when code.StartsWith("application.", StringComparison.Ordinal) && ApplicationCodes.ParseStatus(code["application.".Length..]) is { } s =>
            Lang.T("Status permohonan: ", "Application status: ") + ApplicationCodes.StatusLabel(s),
        _ => code,
    };

    public static string ChannelLabel(string channel) => channel switch
    {
        Channels.Email => "Email",
        Channels.Sms => "SMS",
        Channels.WhatsApp => "WhatsApp",
        _ => channel,
    };

    public static string LanguageLabel(string language) => language == Lang.English ? Lang.T("Inggris", "English") : Lang.T("Indonesia", "Indonesian");
}
