// First: a module that fails to load below still ends in a notice, not a white window.
import './boot-guard'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import App from './App'
import ErrorBoundary from './components/errors/ErrorBoundary'
import RecoveryGate from './components/recovery/RecoveryGate'
import './styles.css'

dayjs.locale('zh-cn')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { fontFamily: "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', system-ui, sans-serif" } }}
    >
      <AntApp message={{ maxCount: 3 }}>
        {/* The last net: whatever the pages' own boundaries miss still ends in an error card, never a white window. */}
        <ErrorBoundary level="page" what="桌面">
          <RecoveryGate>
            <App />
          </RecoveryGate>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  </StrictMode>
)
