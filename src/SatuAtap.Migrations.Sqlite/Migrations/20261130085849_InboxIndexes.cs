using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_CurrentAgencyId_IsOpen_DueDate",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Inbox",
                table: "Applications",
                columns: new[] { "CurrentAgencyId", "DueDate", "SubmittedAtUtc", "StepIndex", "IsOpen" },
                filter: "\"IsOpen\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_Inbox",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CurrentAgencyId_IsOpen_DueDate",
                table: "Applications",
                columns: new[] { "CurrentAgencyId", "IsOpen", "DueDate" });
        }
    }
}
