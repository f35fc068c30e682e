<#
.SYNOPSIS
  Removes the Parc agent that install.ps1 installed: the scheduled task and %ProgramFiles%\Parc.
  -Purge also removes %ProgramData%\Parc (the enrollment, key and spool).
#>
param([switch]$Purge)
$ErrorActionPreference = 'Stop'

$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'parc-agent uninstall: run this from an elevated PowerShell (Run as administrator).'
}
$TaskName = 'Parc Agent'
$TaskPath = '\Parc\'
$InstallDir = Join-Path $env:ProgramFiles 'Parc'
$Exe = Join-Path $InstallDir 'parc-agent.exe'
$StateDir = Join-Path $env:ProgramData 'Parc'

if (Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue) {
  Stop-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
  Unregister-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Confirm:$false
  Write-Host "parc-agent uninstall: removed task $TaskPath$TaskName"
}
Get-Process -Name 'parc-agent' -ErrorAction SilentlyContinue | Where-Object { $_.Path -eq $Exe } | Stop-Process -Force
if (Test-Path -LiteralPath $InstallDir) {
  Remove-Item -LiteralPath $InstallDir -Recurse -Force
  Write-Host "parc-agent uninstall: removed $InstallDir"
}
if ($Purge) {
  if (Test-Path -LiteralPath $StateDir) { Remove-Item -LiteralPath $StateDir -Recurse -Force }
  Write-Host "parc-agent uninstall: removed $StateDir"
} elseif (Test-Path -LiteralPath $StateDir) {
  Write-Host "parc-agent uninstall: kept $StateDir (enrollment and key); -Purge removes it"
}
