/**
 * Each shell's completion script. They all hand the words typed to `keyless __complete INDEX -- WORDS…` (INDEX is the
 * position of the word under the cursor among WORDS, which may be one past the end), so the command tree and the
 * cached accounts are read in one place, and a script never goes stale when commands change.
 */
export const COMPLETION_SCRIPTS: Readonly<Record<string, { install: string; script: string }>> = {
  bash: {
    install: 'add to ~/.bashrc: eval "$(keyless completion bash)"',
    script: `# keyless completion for bash
_keyless_complete() {
  local IFS=$'\\n'
  COMPREPLY=($("\${COMP_WORDS[0]}" __complete "$((COMP_CWORD - 1))" -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _keyless_complete keyless
`,
  },
  zsh: {
    install: 'add to ~/.zshrc, after compinit: source <(keyless completion zsh)',
    script: `#compdef keyless
# keyless completion for zsh
_keyless() {
  local -a candidates
  candidates=("\${(@f)$("\${words[1]}" __complete "$((CURRENT - 2))" -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=(\${candidates:#})
  if (( \${#candidates} )); then compadd -a candidates; else _files; fi
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then _keyless "$@"; else compdef _keyless keyless; fi
`,
  },
  fish: {
    install: 'run once: keyless completion fish > ~/.config/fish/completions/keyless.fish',
    script: `# keyless completion for fish
function __keyless_complete
    set -l typed (commandline -opc)
    $typed[1] __complete (count $typed[2..-1]) -- $typed[2..-1] (commandline -ct) 2>/dev/null
end
complete -c keyless -f -a '(__keyless_complete)'
`,
  },
  powershell: {
    install: 'add to your $PROFILE: keyless completion powershell | Out-String | Invoke-Expression',
    // Only gathers the words (unquoted) and quotes the answers; a quoted '--', since PowerShell eats a bare -- on its way to a script shim.
    script: `# keyless completion for PowerShell
Register-ArgumentCompleter -Native -CommandName keyless -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $typed = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object {
    if ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $_.Value } else { $_.Extent.Text }
  })
  $words = @($typed | Select-Object -Skip 1)
  $index = if ($wordToComplete -eq '') { $words.Count } else { $words.Count - 1 }
  & $typed[0] __complete $index '--' @words 2>$null | ForEach-Object {
    $text = if ($_ -match '[\\s''"\`$;,(){}@|&<>#]') { "'" + ($_ -replace "'", "''") + "'" } else { $_ }
    [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
  }
}
`,
  },
};
