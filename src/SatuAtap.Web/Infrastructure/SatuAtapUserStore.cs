using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// Identity's store, except that two-factor recovery codes are kept as SHA-256 hashes: the codes are shown once at
/// enrolment and a copy of the database does not give them away.
/// </summary>
public sealed class SatuAtapUserStore(SatuAtapDb db, IdentityErrorDescriber? describer = null)
    : UserStore<User, Role, SatuAtapDb, Guid>(db, describer)
{
    public override Task ReplaceCodesAsync(User user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        // Identity passes the remaining (already hashed) codes back here after one is used.
        base.ReplaceCodesAsync(user, recoveryCodes.Select(c => IsHash(c) ? c : Hash(c)), cancellationToken);

    public override Task<bool> RedeemCodeAsync(User user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, Hash(code), cancellationToken);

    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));

    private static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}
