using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SatuAtap.Core.Common;
using SatuAtap.Core.Identity;
using SatuAtap.Core.Rights;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Akun;

/// <summary>Deleting one's account, after a confirmation; refused with the reason while something is still open.</summary>
[Authorize]
public sealed class HapusModel(DeleteAccount deleteAccount, SignInManager<User> signIn) : PageModel
{
    public string? Message { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? yakin, CancellationToken ct)
    {
        if (yakin != "ya")
        {
            Message = Lang.T("Centang kotak konfirmasi untuk menghapus akun.", "Tick the confirmation box to delete the account.");
            Response.StatusCode = 400;
            return Page();
        }
        var outcome = await deleteAccount.HandleAsync(User.UserId()!.Value, ct);
        if (!outcome.Succeeded)
        {
            Message = outcome.Message;
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
            return Page();
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/akun/masuk?dihapus=1");
    }
}
