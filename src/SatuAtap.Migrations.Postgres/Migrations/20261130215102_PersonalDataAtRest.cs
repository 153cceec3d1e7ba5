using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Nik",
                table: "QueueBookings",
                type: "character varying(141)",
                maxLength: 141,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FieldsJson",
                table: "Applications",
                type: "character varying(80077)",
                maxLength: 80077,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20000)",
                oldMaxLength: 20000);

            migrationBuilder.AlterColumn<string>(
                name: "ApplicantNik",
                table: "Applications",
                type: "character varying(141)",
                maxLength: 141,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "AccessLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ViewerUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ViewerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ViewerAgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubjectUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    What = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_RecordType_RecordId_AtUtc",
                table: "AccessLog",
                columns: new[] { "RecordType", "RecordId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_SubjectUserId_AtUtc",
                table: "AccessLog",
                columns: new[] { "SubjectUserId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessLog");

            migrationBuilder.AlterColumn<string>(
                name: "Nik",
                table: "QueueBookings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(141)",
                oldMaxLength: 141,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FieldsJson",
                table: "Applications",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80077)",
                oldMaxLength: 80077);

            migrationBuilder.AlterColumn<string>(
                name: "ApplicantNik",
                table: "Applications",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(141)",
                oldMaxLength: 141,
                oldNullable: true);
        }
    }
}
