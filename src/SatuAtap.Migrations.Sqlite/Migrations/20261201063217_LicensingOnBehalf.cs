using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LicensingOnBehalf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CapturedAgencyId",
                table: "LicensingBundles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CapturedByUserId",
                table: "LicensingBundles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmationExpiresAtUtc",
                table: "LicensingBundles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmationFailures",
                table: "LicensingBundles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmationHash",
                table: "LicensingBundles",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmationsSent",
                table: "LicensingBundles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAtUtc",
                table: "LicensingBundles",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CapturedAgencyId",
                table: "LicensingBundles");

            migrationBuilder.DropColumn(
                name: "CapturedByUserId",
                table: "LicensingBundles");

            migrationBuilder.DropColumn(
                name: "ConfirmationExpiresAtUtc",
                table: "LicensingBundles");

            migrationBuilder.DropColumn(
                name: "ConfirmationFailures",
                table: "LicensingBundles");

            migrationBuilder.DropColumn(
                name: "ConfirmationHash",
                table: "LicensingBundles");

            migrationBuilder.DropColumn(
                name: "ConfirmationsSent",
                table: "LicensingBundles");

            migrationBuilder.DropColumn(
                name: "ConfirmedAtUtc",
                table: "LicensingBundles");
        }
    }
}
