import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

export default defineConfig({
  // Vite 8 / electron-vite 6 name it `rolldownOptions` (`rollupOptions` is the deprecated alias).
  main: {
    build: {
      // Dependencies stay in node_modules, except chinese-days: it is imported as a .json module,
      // which Node's ESM loader refuses without an import attribute, so its data is bundled instead.
      externalizeDeps: { exclude: ['chinese-days'] },
      rolldownOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } }
    }
  },
  // A sandboxed preload must be one CommonJS file requiring nothing but 'electron': bundle every
  // dependency, and name it .cjs because package.json has "type": "module" (window.ts loads index.cjs).
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } },
    plugins: [react()]
  }
})
