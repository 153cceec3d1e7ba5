using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutreachVisitOfficersAndApplicationSite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SiteId",
                table: "Applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutreachVisitOfficers",
                columns: table => new
                {
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachVisitOfficers", x => new { x.VisitId, x.UserId });
                    table.ForeignKey(
                        name: "FK_OutreachVisitOfficers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutreachVisitOfficers_OutreachVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "OutreachVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_SiteId_CreatedAtUtc",
                table: "Applications",
                columns: new[] { "SiteId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OutreachVisitOfficers_UserId",
                table: "OutreachVisitOfficers",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_QueueSites_SiteId",
                table: "Applications",
                column: "SiteId",
                principalTable: "QueueSites",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Applications_QueueSites_SiteId",
                table: "Applications");

            migrationBuilder.DropTable(
                name: "OutreachVisitOfficers");

            migrationBuilder.DropIndex(
                name: "IX_Applications_SiteId_CreatedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "Applications");
        }
    }
}
