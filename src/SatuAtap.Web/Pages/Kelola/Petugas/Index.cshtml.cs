using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Petugas;

/// <summary>The staff accounts, for an administrator to issue each its one-time two-factor enrolment code.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(SatuAtapDb db, IssueEnrolmentCode issue, MallTime time) : PageModel
{
    public sealed record StaffAccount(Guid Id, string Email, string Name, string Roles, bool TwoFactor);

    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];
    /// <summary>The code just issued: shown in this answer only.</summary>
    public IssueEnrolmentCode.Issued? Issued { get; private set; }
    public string? Message { get; private set; }
    public MallTime Time => time;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await (from user in db.Users.AsNoTracking()
                          join link in db.UserRoles on user.Id equals link.UserId
                          join role in db.Roles on link.RoleId equals role.Id
                          where Roles.Staff.Contains(role.Name!)
                          select new { user.Id, user.Email, user.FullName, Role = role.Name!, user.TwoFactorEnabled }).ToListAsync(ct);
        Accounts = rows.GroupBy(r => r.Id)
            .Select(g => new StaffAccount(g.Key, g.First().Email ?? "", g.First().FullName, string.Join(", ", g.Select(r => Roles.Label(r.Role))), g.First().TwoFactorEnabled))
            .OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<IActionResult> OnPostAsync(Guid userId, CancellationToken ct)
    {
        var outcome = await issue.HandleAsync(userId, HttpContext.Caller(), ct);
        if (outcome.Succeeded) Issued = outcome.Value;
        else
        {
            Message = outcome.Message;
            Response.StatusCode = Problems.StatusOf(outcome.Kind);
        }
        await OnGetAsync(ct);
        return Page();
    }
}
