<#
.SYNOPSIS
  Installs the Parc agent on Windows: copies it to %ProgramFiles%\Parc, enrolls it with the server and
  registers a scheduled task that starts it at boot as SYSTEM and restarts it when it fails.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -Server https://parc.example.com -Token TOKEN
#>
param(
  [Parameter(Mandatory = $true)][string]$Server,
  [Parameter(Mandatory = $true)][string]$Token,
  # Default: parc-agent-win-x64.exe beside this script.
  [string]$Binary = '',
  [string]$Ca = '',
  [string]$Pin = '',
  # Install and enroll only; do not register or start the task.
  [switch]$NoTask
)
$ErrorActionPreference = 'Stop'
# This script may run as a script block inside the caller's session (the server's bootstrap does
# that): errors are thrown, never `exit`, which would close the caller's window.

$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'parc-agent install: run this from an elevated PowerShell (Run as administrator).'
}
if (-not $Binary) {
  if (-not $PSScriptRoot) { throw 'parc-agent install: pass -Binary PATH to the agent executable.' }
  $Binary = Join-Path $PSScriptRoot 'parc-agent-win-x64.exe'
}
if (-not (Test-Path -LiteralPath $Binary -PathType Leaf)) { throw "parc-agent install: agent binary $Binary not found (pass -Binary PATH)." }

$TaskName = 'Parc Agent'
$TaskPath = '\Parc\'
$InstallDir = Join-Path $env:ProgramFiles 'Parc'
$Exe = Join-Path $InstallDir 'parc-agent.exe'
$StateDir = Join-Path $env:ProgramData 'Parc'

# A running agent holds its executable open: stop it before replacing the file.
$existing = Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
if ($existing) {
  Stop-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
  Get-Process -Name 'parc-agent' -ErrorAction SilentlyContinue | Where-Object { $_.Path -eq $Exe } | Stop-Process -Force
}
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -LiteralPath $Binary -Destination $Exe -Force
Unblock-File -LiteralPath $Exe -ErrorAction SilentlyContinue
Write-Host "parc-agent install: installed $Exe ($(& $Exe --version))"

# The state folder holds the agent key: SYSTEM and Administrators only, inherited by every file in it.
New-Item -ItemType Directory -Force -Path $StateDir | Out-Null
& icacls.exe $StateDir /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null
if ($LASTEXITCODE -ne 0) { throw "parc-agent install: could not restrict access to $StateDir (icacls exit $LASTEXITCODE)." }

$enrollArgs = @('enroll', '--server', $Server, '--token', $Token, '--state-dir', $StateDir)
if ($Ca) { $enrollArgs += @('--ca', $Ca) }
if ($Pin) { $enrollArgs += @('--pin', $Pin) }
& $Exe @enrollArgs
if ($LASTEXITCODE -ne 0) { throw "parc-agent install: enrollment failed (exit $LASTEXITCODE, message above); the agent is copied but not registered." }

if ($NoTask) {
  Write-Host "parc-agent install: enrolled; no task registered (-NoTask). Start it with: & '$Exe' run --state-dir '$StateDir'"
  return
}
# A scheduled task rather than a service: the agent is a console program, and the service control
# manager kills programs that do not speak its protocol.
$action = New-ScheduledTaskAction -Execute $Exe -Argument "run --state-dir `"$StateDir`"" -WorkingDirectory $InstallDir
$trigger = New-ScheduledTaskTrigger -AtStartup
$taskPrincipal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable `
  -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) -ExecutionTimeLimit ([TimeSpan]::Zero) -MultipleInstances IgnoreNew
Register-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Action $action -Trigger $trigger -Principal $taskPrincipal `
  -Settings $settings -Description 'Parc inventory agent: uploads this machine''s inventory to the Parc server.' -Force | Out-Null
Start-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath
Write-Host "parc-agent install: task '$TaskPath$TaskName' registered and started; check it with: & '$Exe' status --state-dir '$StateDir'"
