using Microsoft.AspNetCore.Identity;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// ASP.NET Core Identity's messages in the reader's language (Indonesian by default), in place of its English ones.
/// Every message a person can meet on the account pages is here; the rest fall back to a general one.
/// </summary>
public sealed class IdentityMessages : IdentityErrorDescriber
{
    private static IdentityError E(string code, string id, string en) => new() { Code = code, Description = Lang.T(id, en) };

    public override IdentityError DefaultError() =>
        E(nameof(DefaultError), "Terjadi kesalahan. Coba lagi.", "Something went wrong. Try again.");
    public override IdentityError ConcurrencyFailure() =>
        E(nameof(ConcurrencyFailure), "Akun baru saja diubah di tempat lain. Muat ulang lalu coba lagi.", "The account was just changed elsewhere. Reload and try again.");
    public override IdentityError PasswordMismatch() =>
        E(nameof(PasswordMismatch), "Kata sandi salah.", "Wrong password.");
    public override IdentityError InvalidToken() =>
        E(nameof(InvalidToken), "Kode salah atau kedaluwarsa.", "The code is wrong or has expired.");
    public override IdentityError RecoveryCodeRedemptionFailed() =>
        E(nameof(RecoveryCodeRedemptionFailed), "Kode pemulihan salah atau sudah dipakai.", "The recovery code is wrong or already used.");
    public override IdentityError LoginAlreadyAssociated() =>
        E(nameof(LoginAlreadyAssociated), "Akun lain sudah memakai cara masuk ini.", "Another account already uses this sign-in.");
    public override IdentityError InvalidUserName(string? userName) =>
        E(nameof(InvalidUserName), "Nama pengguna hanya boleh berisi huruf, angka, dan tanda - . _ @ +.", "A user name may hold only letters, digits and - . _ @ +.");
    public override IdentityError InvalidEmail(string? email) =>
        E(nameof(InvalidEmail), "Alamat email tidak valid.", "The email address is not valid.");
    public override IdentityError DuplicateUserName(string userName) =>
        E(nameof(DuplicateUserName), "Alamat email ini sudah terdaftar.", "This email address is already registered.");
    public override IdentityError DuplicateEmail(string email) =>
        E(nameof(DuplicateEmail), "Alamat email ini sudah terdaftar.", "This email address is already registered.");
    public override IdentityError InvalidRoleName(string? role) =>
        E(nameof(InvalidRoleName), "Nama peran tidak valid.", "The role name is not valid.");
    public override IdentityError DuplicateRoleName(string role) =>
        E(nameof(DuplicateRoleName), "Peran ini sudah ada.", "This role already exists.");
    public override IdentityError UserAlreadyHasPassword() =>
        E(nameof(UserAlreadyHasPassword), "Akun ini sudah memiliki kata sandi.", "This account already has a password.");
    public override IdentityError UserLockoutNotEnabled() =>
        E(nameof(UserLockoutNotEnabled), "Penguncian akun tidak aktif untuk akun ini.", "Lockout is not enabled for this account.");
    public override IdentityError UserAlreadyInRole(string role) =>
        E(nameof(UserAlreadyInRole), "Akun sudah memiliki peran ini.", "The account already has this role.");
    public override IdentityError UserNotInRole(string role) =>
        E(nameof(UserNotInRole), "Akun tidak memiliki peran ini.", "The account does not have this role.");
    public override IdentityError PasswordTooShort(int length) =>
        E(nameof(PasswordTooShort), $"Kata sandi paling sedikit {length} karakter.", $"A password needs at least {length} characters.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        E(nameof(PasswordRequiresUniqueChars), $"Kata sandi perlu paling sedikit {uniqueChars} karakter yang berbeda.", $"A password needs at least {uniqueChars} different characters.");
    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        E(nameof(PasswordRequiresNonAlphanumeric), "Kata sandi perlu paling sedikit satu simbol (misalnya # ! @).", "A password needs at least one symbol (for example # ! @).");
    public override IdentityError PasswordRequiresDigit() =>
        E(nameof(PasswordRequiresDigit), "Kata sandi perlu paling sedikit satu angka (0–9).", "A password needs at least one digit (0–9).");
    public override IdentityError PasswordRequiresLower() =>
        E(nameof(PasswordRequiresLower), "Kata sandi perlu paling sedikit satu huruf kecil (a–z).", "A password needs at least one lower-case letter (a–z).");
    public override IdentityError PasswordRequiresUpper() =>
        E(nameof(PasswordRequiresUpper), "Kata sandi perlu paling sedikit satu huruf besar (A–Z).", "A password needs at least one upper-case letter (A–Z).");

    /// <summary>The password rules in force, as one sentence for the forms that ask for a new password.</summary>
    public static string Rules(PasswordOptions o)
    {
        var id = new List<string>();
        var en = new List<string>();
        if (o.RequireUppercase) { id.Add("huruf besar"); en.Add("an upper-case letter"); }
        if (o.RequireLowercase) { id.Add("huruf kecil"); en.Add("a lower-case letter"); }
        if (o.RequireDigit) { id.Add("angka"); en.Add("a digit"); }
        if (o.RequireNonAlphanumeric) { id.Add("simbol (misalnya # ! @)"); en.Add("a symbol (for example # ! @)"); }
        var length = System.Globalization.CultureInfo.InvariantCulture;
        var idText = $"Paling sedikit {o.RequiredLength.ToString(length)} karakter";
        var enText = $"At least {o.RequiredLength.ToString(length)} characters";
        if (id.Count > 0)
        {
            idText += ", dengan " + Join(id, "dan");
            enText += ", with " + Join(en, "and");
        }
        return Lang.T(idText + ".", enText + ".");
    }

    private static string Join(List<string> parts, string and) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " " + and + " " + parts[^1];
}
