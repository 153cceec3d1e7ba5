using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// A page with a form sent to a use case: what it does with the use case's <see cref="Outcome{T}"/> is written here once.
/// The page shows <see cref="Message"/> above the form (a notice when <see cref="Done"/>, else why not) and
/// <see cref="Errors"/> beside the fields.
/// </summary>
public abstract class FormPageModel : PageModel
{
    public string? Message { get; protected set; }
    public bool Done { get; protected set; }
    public FormErrors Errors { get; protected set; } = new(null);

    /// <summary>After a redirect with <c>?disimpan=true</c>: says that the changes were saved.</summary>
    protected void ShowSaved(bool saved)
    {
        if (!saved) return;
        Done = true;
        Message = Lang.T("Perubahan tersimpan.", "Changes saved.");
    }

    /// <summary>
    /// The answer to a use case's outcome when it ends the request: on success the redirect to <paramref name="redirectTo"/>
    /// (when given), 404 for a record that is not there (unless <paramref name="notFoundShowsForm"/>: a record chosen in
    /// the form, not the page's own) and 403 for one the caller may not change. Null when the page is to be shown again:
    /// on success with <paramref name="doneMessage"/>; on failure with the outcome's message, its errors beside the fields
    /// and its status code.
    /// </summary>
    protected IActionResult? Settle<T>(Outcome<T> outcome, Func<T, string>? redirectTo = null, string? doneMessage = null, bool notFoundShowsForm = false)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok or OutcomeKind.Created:
                if (redirectTo is not null) return Redirect(redirectTo(outcome.Value!));
                Done = true;
                Message = doneMessage;
                return null;
            case OutcomeKind.NotFound when !notFoundShowsForm:
                return NotFound();
            case OutcomeKind.Forbidden:
                return Forbid();
        }
        Message = outcome.Message;
        Errors = new FormErrors(outcome.Errors);
        Response.StatusCode = Problems.StatusOf(outcome.Kind);
        return null;
    }
}
