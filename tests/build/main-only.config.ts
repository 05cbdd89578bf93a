// electron.vite.config.ts without the renderer: the bundle test checks the main process (and preload) only,
// so it needs neither the renderer's build time nor a renderer that compiles.
import type { UserConfig } from 'electron-vite'
import config from '../../electron.vite.config'

const { renderer: _renderer, ...mainAndPreload } = config as UserConfig
export default mainAndPreload
